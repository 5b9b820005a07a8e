using PackageConsumer;

// Prints a fingerprint of each file named on the command line: its size, CRC-32 and first bytes in hex.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: PackageConsumer <file>...");
    return 2;
}

Span<byte> head = stackalloc byte[16];
foreach (var path in args)
{
    using var stream = File.OpenRead(path);
    int headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
    stream.Position = 0;
    Console.WriteLine($"{path}  {stream.Length,10} bytes  crc32 {Crc32.Of(stream):x8}  {HexPreview.Format(head[..headLength])}");
}
return 0;
