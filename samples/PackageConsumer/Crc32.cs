namespace PackageConsumer;

/// <summary>CRC-32 (IEEE 802.3) of a stream, read block by block.</summary>
internal static class Crc32
{
    private const int BlockSize = 8192;

    private static readonly uint[] Table = BuildTable();

    public static uint Of(Stream stream)
    {
        // 8 KB of stack per call: over the 1KB stackalloc limit, so the build warns (and fails with -warnaserror).
        Span<byte> block = stackalloc byte[BlockSize]; // expect SD2001 (8192 bytes)
        uint crc = 0xFFFFFFFF;
        int read;
        while ((read = stream.Read(block)) > 0)
        {
            foreach (byte b in block[..read]) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
