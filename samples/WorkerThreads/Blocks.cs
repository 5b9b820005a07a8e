namespace WorkerThreads;

/// <summary>One block's checksum, kept for the final fold.</summary>
public sealed class BlockResult(int block, byte[] digest)
{
    public int Block { get; } = block;
    public byte[] Digest { get; } = digest;
}

/// <summary>Expands a block from its seed into a 16 KB stack buffer and compresses it through 4 KB of stack lanes.</summary>
public static class Blocks
{
    private const int BlockBytes = 16 * 1024;
    private const int Lanes = 512;
    private const int DigestBytes = 32;

    public static BlockResult Process(int seed)
    {
        Span<byte> block = stackalloc byte[BlockBytes];
        Fill(block, seed);
        var digest = new byte[DigestBytes];
        Compress(block, digest);
        return new BlockResult(seed, digest);
    }

    private static void Fill(Span<byte> block, int seed)
    {
        uint state = (uint)seed * 2654435761u + 1;
        for (int i = 0; i < block.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            block[i] = (byte)state;
        }
    }

    private static void Compress(ReadOnlySpan<byte> block, Span<byte> digest)
    {
        Span<ulong> lanes = stackalloc ulong[Lanes];
        for (int i = 0; i < block.Length; i++)
            lanes[i % Lanes] = (lanes[i % Lanes] * 1099511628211UL) ^ block[i];
        for (int i = 0; i < digest.Length; i++)
        {
            ulong folded = 0;
            for (int lane = i; lane < Lanes; lane += DigestBytes) folded ^= lanes[lane];
            digest[i] = (byte)(folded ^ (folded >> 29));
        }
    }
}
