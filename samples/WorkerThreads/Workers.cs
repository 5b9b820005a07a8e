namespace WorkerThreads;

/// <summary>
/// <see cref="Count"/> threads with a <see cref="StackSize"/> stack each take <see cref="BlocksPerWorker"/> blocks from a
/// shared counter and checksum them; a thread-pool task folds the results.
/// </summary>
public static class Workers
{
    public const int Count = 4;
    public const int BlocksPerWorker = 8;

    /// <summary>Each worker's stack: the deepest chain (<see cref="Blocks.Process"/>) needs about 21 KB.</summary>
    public const int StackSize = 128 * 1024;

    private static readonly BlockResult?[] Results = new BlockResult?[Count * BlocksPerWorker];
    private static int _nextBlock = -1;

    [ThreadStatic]
    private static int t_blocksDone;

    public static ulong RunAll()
    {
        _nextBlock = -1;
        var threads = new Thread[Count];
        for (int i = 0; i < Count; i++)
        {
            threads[i] = new Thread(Work, StackSize) { Name = "worker " + i };
            threads[i].Start();
        }
        foreach (var thread in threads) thread.Join();
        return Task.Run(Combine).Result;
    }

    /// <summary>A worker thread's entry: its share of the blocks.</summary>
    public static void Work()
    {
        for (int i = 0; i < BlocksPerWorker; i++)
        {
            int block = Interlocked.Increment(ref _nextBlock) % Results.Length;
            Results[block] = Blocks.Process(block);
            t_blocksDone++;
        }
    }

    /// <summary>Folds every block's digest into one number (runs on the thread pool).</summary>
    public static ulong Combine()
    {
        ulong total = 0;
        foreach (var result in Results)
        {
            if (result is null) continue;
            total = (total * 31) ^ BitConverter.ToUInt64(result.Digest, 0) ^ (ulong)result.Block;
        }
        return total;
    }
}
