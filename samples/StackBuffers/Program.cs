using System.Runtime.CompilerServices;
using System.Text;
using StackBuffers;

// A small codec and line tokenizer that keep their scratch buffers on the stack where that is safe, and in a few
// marked places where it is not. README.md lists the warnings StorageAnalyzers gives and how .editorconfig changes them.
string[] lines =
[
    "SELECT name, size FROM files WHERE size > 4096",
    "insert 42 rows into   log ; select * from t",
];

byte[] payload = Encoding.UTF8.GetBytes(lines[0]);
byte[] withBom = [0xEF, 0xBB, 0xBF, .. payload];
string hex = Codec.ToHex(payload);
string base64 = Codec.ToBase64(payload);
bool hexRoundTrips = Codec.FromHex(hex).AsSpan().SequenceEqual(payload);
bool base64RoundTrips = Codec.FromBase64(base64).AsSpan().SequenceEqual(payload);

Console.WriteLine($"input     {lines[0]}");
Console.WriteLine($"hex       {hex}");
Console.WriteLine($"base64    {base64}");
Console.WriteLine($"decoded   hex {(hexRoundTrips ? "round-trips" : "DIFFERS")}, base64 {(base64RoundTrips ? "round-trips" : "DIFFERS")}");
Console.WriteLine($"adler32   {Codec.Adler32(new MemoryStream(payload)):x8}");
Console.WriteLine($"utf-8 BOM {Codec.HasUtf8Bom(payload)} without, {Codec.HasUtf8Bom(withBom)} with");
foreach (var line in lines)
{
    Console.WriteLine($"tokens    {Tokenizer.Describe(line)}");
    Console.WriteLine($"normal    {Tokenizer.Normalize(line)}");
}
Console.WriteLine($"keywords  {Tokenizer.CountKeywords(lines)}");
Console.WriteLine($"acronym   {Tokenizer.Acronym("portable network graphics")}");
Console.WriteLine($"layout    Token is {Unsafe.SizeOf<Token>()} bytes, so stackalloc Token[96] takes {96 * Unsafe.SizeOf<Token>()} bytes of stack");
