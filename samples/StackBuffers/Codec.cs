using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace StackBuffers;

/// <summary>
/// Hex, Base64 and an Adler-32 checksum, written the way allocation-conscious code is: a stack buffer for the common
/// small input, the heap for the rare large one. A line ending in "// expect SDxxxx (...)" is where StorageAnalyzers
/// warns on purpose; README.md explains each one and tests/StorageAnalyzers.Tests/SampleBuildTests.cs checks them.
/// </summary>
public static class Codec
{
    private const string Digits = "0123456789abcdef";
    private const int StackHexChars = 256;

    public static string ToHex(ReadOnlySpan<byte> data)
    {
        int needed = data.Length * 2;
        // Quiet: a constant 256 chars (512 bytes) on the stack, used only when the text fits; otherwise the heap.
        Span<char> chars = needed <= StackHexChars ? stackalloc char[StackHexChars] : new char[needed];
        chars = chars[..needed];
        for (int i = 0; i < data.Length; i++)
        {
            chars[2 * i] = Digits[data[i] >> 4];
            chars[2 * i + 1] = Digits[data[i] & 0xF];
        }
        return new string(chars);
    }

    public static byte[] FromHex(string hex)
    {
        if (hex.Length % 2 != 0) throw new FormatException("hex text needs an even number of digits");
        int count = hex.Length / 2;
        if (count > 4096) throw new ArgumentException("at most 4096 bytes of hex", nameof(hex));
        // The guard above bounds the count, but to 4096 bytes: four times the default 1KB stackalloc limit.
        Span<byte> bytes = stackalloc byte[count]; // expect SD2002 (up to 4096 bytes)
        for (int i = 0; i < count; i++)
        {
            bytes[i] = (byte)(Nibble(hex[2 * i]) << 4 | Nibble(hex[2 * i + 1]));
        }
        return bytes.ToArray();
    }

    public static string ToBase64(ReadOnlySpan<byte> data)
    {
        const int BlockBytes = 768; // 768 input bytes encode to exactly 1024 output bytes
        var text = new StringBuilder(Base64.GetMaxEncodedToUtf8Length(data.Length));
        // Quiet: Math.Min caps the buffer at 1024 bytes, no more than the limit; it is reused for every block.
        Span<byte> utf8 = stackalloc byte[Math.Min(Base64.GetMaxEncodedToUtf8Length(data.Length), 1024)];
        do
        {
            var block = data[..Math.Min(data.Length, BlockBytes)];
            data = data[block.Length..];
            Base64.EncodeToUtf8(block, utf8, out _, out int written, isFinalBlock: data.IsEmpty);
            text.Append(Encoding.ASCII.GetString(utf8[..written]));
        }
        while (!data.IsEmpty);
        return text.ToString();
    }

    public static byte[] FromBase64(string text)
    {
        // The count comes straight from the input and nothing bounds it: a long enough string overflows the stack,
        // which ends the process. No stackalloc_limit makes this safe; it needs a guard or a pooled buffer.
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetByteCount(text)]; // expect SD2002 (unbounded)
        Encoding.UTF8.GetBytes(text, utf8);
        if (Base64.DecodeFromUtf8InPlace(utf8, out int written) != OperationStatus.Done)
        {
            throw new FormatException("not Base64 text");
        }
        return utf8[..written].ToArray();
    }

    public static uint Adler32(Stream stream)
    {
        // The 4 KB read buffer copied from stream examples: 4096 bytes, over the default 1KB limit.
        Span<byte> block = stackalloc byte[4096]; // expect SD2001 (4096 bytes)
        uint a = 1, b = 0;
        int read;
        while ((read = stream.Read(block)) > 0)
        {
            foreach (byte value in block[..read])
            {
                a = (a + value) % 65521;
                b = (b + a) % 65521;
            }
        }
        return b << 16 | a;
    }

    public static bool HasUtf8Bom(ReadOnlySpan<byte> data)
    {
        int i = 0;
        // Quiet: three constant bytes; a stackalloc in a foreach's collection runs once, not once per iteration.
        foreach (byte expected in stackalloc byte[] { 0xEF, 0xBB, 0xBF })
        {
            if (i >= data.Length || data[i++] != expected) return false;
        }
        return true;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException($"'{c}' is not a hex digit"),
    };
}
