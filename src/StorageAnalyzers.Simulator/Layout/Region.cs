namespace StorageAnalyzers.Simulator;

/// <summary>What a region of the address space holds.</summary>
public enum RegionKind
{
    Text,
    Data,
    Bss,
    Heap,
    Stack,
}

/// <summary>One region of the notional layout: where it starts, what it reserves and what the program uses of it.</summary>
public sealed class Region
{
    public Region(RegionKind kind, string name, ulong start, ulong reservedBytes, long usedBytes)
    {
        Kind = kind;
        Name = name;
        Start = start;
        ReservedBytes = reservedBytes;
        UsedBytes = usedBytes;
    }

    public RegionKind Kind { get; }

    /// <summary>"text", "data", "bss", "heap", or "stack: Namespace.Type.Method" for a thread's stack.</summary>
    public string Name { get; }

    /// <summary>The lowest address (a stack grows down from <see cref="End"/>).</summary>
    public ulong Start { get; }

    /// <summary>The address space set aside: page-rounded use, or a stack's whole limit.</summary>
    public ulong ReservedBytes { get; }

    public ulong End => Start + ReservedBytes;

    /// <summary>The bytes the simulation says the program needs here.</summary>
    public long UsedBytes { get; }

    public override string ToString() => $"{Name} 0x{Start:x}-0x{End:x} ({UsedBytes} used)";
}
