using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Simulator;

/// <summary>The heap bytes one run of some code allocates, by the allocation sites in the compilation it reaches.</summary>
public sealed class HeapEstimate
{
    public HeapEstimate(long bytes, int unknownSizeSites, int externalCallSites, ImmutableArray<HeapContribution> contributions)
    {
        Bytes = bytes;
        UnknownSizeSites = unknownSizeSites;
        ExternalCallSites = externalCallSites;
        Contributions = contributions;
    }

    /// <summary>The sum of the sites' bytes.</summary>
    public long Bytes { get; }

    /// <summary>Sites reached whose size is known only at run time (counted as 0 bytes).</summary>
    public int UnknownSizeSites { get; }

    /// <summary>Call sites reached that leave the compilation: what the library allocates there is not seen.</summary>
    public int ExternalCallSites { get; }

    /// <summary>Every site reached, the most bytes first.</summary>
    public ImmutableArray<HeapContribution> Contributions { get; }
}

/// <summary>The heap one call of an entry point allocates (static initialisation apart).</summary>
public sealed class EntryHeap
{
    public EntryHeap(IMethodSymbol entry, HeapEstimate heap)
    {
        Entry = entry;
        Heap = heap;
    }

    public IMethodSymbol Entry { get; }

    public string EntryName => MethodNames.Of(Entry);

    public HeapEstimate Heap { get; }
}
