namespace StorageAnalyzers.Simulator.Tests.GroundTruth;

/// <summary>What the runtime counts as allocated by a piece of code on this thread.</summary>
internal static class AllocatedBytes
{
    /// <summary>Runs <paramref name="run"/> once to warm up (JIT, type initializers, the runtime's lazy state), then
    /// three times between two <c>GC.GetAllocatedBytesForCurrentThread()</c> readings: the smallest reading.</summary>
    public static long Of(Action run)
    {
        run();
        long smallest = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return smallest;
    }
}
