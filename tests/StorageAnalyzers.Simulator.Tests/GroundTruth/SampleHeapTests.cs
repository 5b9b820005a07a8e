using System.Globalization;
using Xunit.Abstractions;

namespace StorageAnalyzers.Simulator.Tests.GroundTruth;

/// <summary>
/// The heap estimate of each sample entry point against what the runtime counts: the entry runs in this process from
/// the sample's optimized build, once to warm up (JIT, type initializers, the runtime's lazy state) and then three times
/// between two <c>GC.GetAllocatedBytesForCurrentThread()</c> readings; the smallest reading is the measurement. The
/// estimate is the simulation's heap for one call of that entry (static initialisation apart, as the warm-up runs it).
/// </summary>
public class SampleHeapTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.15;

    public static TheoryData<string> Entries() => [.. Samples.Entries.Select(e => e.ToString())];

    [Theory]
    [MemberData(nameof(Entries))]
    public void The_heap_estimate_is_within_15_percent_of_the_bytes_allocated(string name)
    {
        var entry = Samples.Entries.Single(e => e.ToString() == name);
        var simulation = entry.Simulate();
        var estimate = simulation.Entries[0].Heap; // the main thread's entry: the one chosen
        long measured = Measure(entry);

        var ratio = measured == 0 ? "n/a" : ((double)estimate.Bytes / measured).ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heap {name}: estimate {estimate.Bytes} B, measured {measured} B, ratio {ratio} (sites of run-time size: {estimate.UnknownSizeSites}, library calls: {estimate.ExternalCallSites})"));
        Assert.InRange(estimate.Bytes, (long)Math.Floor(measured * (1 - Tolerance)), (long)Math.Ceiling(measured * (1 + Tolerance)));
    }

    private static long Measure(SampleEntry entry)
    {
        var run = EntryInvoker.For(EntryInvoker.Find(entry.AssemblyPath, entry.TypeName, entry.Method));
        var console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return AllocatedBytes.Of(run);
        }
        finally
        {
            Console.SetOut(console);
        }
    }
}
