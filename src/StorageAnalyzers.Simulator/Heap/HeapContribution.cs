using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>One allocation site's share of a heap estimate: how many times it runs and the bytes that makes.</summary>
public sealed class HeapContribution
{
    public HeapContribution(AllocationSite site, long count, long bytes)
    {
        Site = site;
        Count = count;
        Bytes = bytes;
    }

    public AllocationSite Site { get; }

    /// <summary>Runs of the site per run of the entry (loop counts and call multiplicities multiplied).</summary>
    public long Count { get; }

    /// <summary><see cref="Count"/> times the site's size; 0 when its size is known only at run time.</summary>
    public long Bytes { get; }

    public override string ToString() => $"{Site.TypeName} x{Count} = {Bytes} B";
}
