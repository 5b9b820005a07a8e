using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// The classic process layout, laid out with the simulation's figures: text at the image base, then data, BSS and the
/// heap growing up; the stacks, one per thread, from the top of user space growing down; the kernel above. Addresses
/// are notional (a real process has address-space randomisation, a runtime that maps its own code and a GC that
/// reserves far more than it uses); the sizes, and whether everything fits, are the point.
/// </summary>
public sealed class AddressSpace
{
    private AddressSpace(int pointerSize, ulong userSpaceBytes, ImmutableArray<Region> regions)
    {
        PointerSize = pointerSize;
        UserSpaceBytes = userSpaceBytes;
        Regions = regions;
    }

    public int PointerSize { get; }

    /// <summary>The addresses the process can use: 4 GB for 32-bit, 128 TB for 64-bit; the kernel is above.</summary>
    public ulong UserSpaceBytes { get; }

    /// <summary>Text, data, BSS, heap from the bottom up, then the stacks from the top down (the main thread's first).</summary>
    public ImmutableArray<Region> Regions { get; }

    /// <summary>Everything reserved, stacks at their full limits.</summary>
    public ulong ReservedBytes => Regions.Aggregate(0UL, (total, region) =>
        total > ulong.MaxValue - region.ReservedBytes ? ulong.MaxValue : total + region.ReservedBytes);

    /// <summary>False when the image, the heap and every thread's stack reservation do not fit in user space (in
    /// practice: too many threads for a 32-bit process).</summary>
    public bool Fits => ReservedBytes <= UserSpaceBytes - SimulationDefaults.ImageBase;

    public static AddressSpace Lay(int pointerSize, long text, long data, long bss, long heap, IEnumerable<(string Name, long Limit, long Used)> stacks)
    {
        ulong top = pointerSize == 4 ? SimulationDefaults.AddressSpace32Bytes : SimulationDefaults.AddressSpace64Bytes;
        var regions = ImmutableArray.CreateBuilder<Region>();
        ulong next = SimulationDefaults.ImageBase;
        foreach (var (kind, name, bytes) in new[] { (RegionKind.Text, "text", text), (RegionKind.Data, "data", data), (RegionKind.Bss, "bss", bss), (RegionKind.Heap, "heap", heap) })
        {
            ulong reserved = Pages(bytes);
            regions.Add(new Region(kind, name, next, reserved, bytes));
            next += reserved;
        }
        // Stacks hang from the top; a page between two stays unmapped as a guard. Past the bottom of the address space
        // the remaining stacks are still listed (at address 0) so that Fits can say they do not fit.
        ulong ceiling = top;
        foreach (var (name, limit, used) in stacks)
        {
            ulong reserved = Pages(limit);
            ulong start = ceiling >= reserved + (ulong)SimulationDefaults.PageBytes ? ceiling - reserved : 0;
            regions.Add(new Region(RegionKind.Stack, "stack: " + name, start, reserved, used));
            ceiling = start >= (ulong)SimulationDefaults.PageBytes ? start - (ulong)SimulationDefaults.PageBytes : 0;
        }
        return new AddressSpace(pointerSize, top, regions.ToImmutable());
    }

    private static ulong Pages(long bytes)
    {
        ulong page = (ulong)SimulationDefaults.PageBytes;
        ulong value = (ulong)System.Math.Max(0, bytes);
        return value > ulong.MaxValue - page ? ulong.MaxValue / page * page : (value + page - 1) / page * page;
    }
}
