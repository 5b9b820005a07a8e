using Microsoft.CodeAnalysis;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli.Output;

/// <summary>A simulation with what the writers need around it: the input's name, paths relative to its root, and the
/// largest contributors picked the same way for every format.</summary>
internal sealed class SimulationReport(Simulation simulation, string subject, LoadedInput input)
{
    public Simulation Simulation { get; } = simulation;

    /// <summary>The path the user gave.</summary>
    public string Subject { get; } = subject;

    /// <summary>"64-bit" or "32-bit".</summary>
    public string Bitness => Simulation.PointerSize == 8 ? "64-bit" : "32-bit";

    /// <summary><c>file:line</c>, the file relative to the input root.</summary>
    public string Where(Location location)
    {
        if (!location.IsInSource) return "";
        var span = location.GetLineSpan();
        return $"{input.RelativePath(span.Path)}:{span.StartLinePosition.Line + 1}";
    }

    /// <summary>The thread closest to overflowing (worst case against its limit), whose chain the picture draws.</summary>
    public ThreadStack? MostLoadedThread =>
        Simulation.Threads.OrderByDescending(t => (double)t.WorstCase.TotalBytes / t.LimitBytes).FirstOrDefault();

    public IReadOnlyList<StaticContributor> LargestStatics(int count) => Simulation.Statics.Contributors.Take(count).ToList();

    /// <summary>The allocation sites that put the most bytes on the heap over the whole program: static initialisation
    /// plus every thread's entry, each thread counted as often as it is started.</summary>
    public IReadOnlyList<HeapContribution> LargestAllocations(int count)
    {
        var all = new List<(HeapContribution Contribution, long Times)>();
        all.AddRange(Simulation.StaticInitialisation.Contributions.Select(c => (c, 1L)));
        foreach (var thread in Simulation.Threads)
        {
            var heap = Simulation.Entries.First(e => SymbolEqualityComparer.Default.Equals(e.Entry, thread.Entry)).Heap;
            all.AddRange(heap.Contributions.Select(c => (c, thread.Instances)));
        }
        return all
            .GroupBy(c => c.Contribution.Site)
            .Select(g => new HeapContribution(g.Key, Total(g.Select(c => (c.Contribution.Count, c.Times))), Total(g.Select(c => (c.Contribution.Bytes, c.Times)))))
            .Where(c => c.Bytes > 0)
            .OrderByDescending(c => c.Bytes)
            .Take(count)
            .ToList();
    }

    private static long Total(IEnumerable<(long Value, long Times)> parts) =>
        parts.Aggregate(0L, (total, part) => Saturating.Add(total, Saturating.Multiply(part.Value, part.Times)));
}
