using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>What an allocation site creates (the JSON <c>kind</c> of an allocation).</summary>
public enum AllocationKind
{
    Object,
    Array,
    Boxing,
    Closure,
    Delegate,
    String,
    ParamsArray,
    Iterator,
    StateMachine,
    Enumerator,
    AnonymousType,
    Collection,
    Stackalloc,
    RvaData,
}

public static class AllocationKindText
{
    public static string ToJsonValue(this AllocationKind kind) => kind switch
    {
        AllocationKind.Object => "object",
        AllocationKind.Array => "array",
        AllocationKind.Boxing => "boxing",
        AllocationKind.Closure => "closure",
        AllocationKind.Delegate => "delegate",
        AllocationKind.String => "string",
        AllocationKind.ParamsArray => "params-array",
        AllocationKind.Iterator => "iterator",
        AllocationKind.StateMachine => "state-machine",
        AllocationKind.Enumerator => "enumerator",
        AllocationKind.AnonymousType => "anonymous-type",
        AllocationKind.Collection => "collection",
        AllocationKind.Stackalloc => "stackalloc",
        _ => "rva-data",
    };
}

/// <summary>How sure the model is that the allocation happens as reported.</summary>
public enum AllocationCertainty
{
    /// <summary>The IL allocates here (<c>newobj</c>, <c>newarr</c>, <c>box</c>, <c>localloc</c>, an RVA field).</summary>
    Emitted,
    /// <summary>The allocation happens at run time with no allocating opcode at the site: a <c>constrained.</c> call that
    /// boxes, an async state machine boxed on first suspension, a string built by a call, an enumerator from an interface.</summary>
    Runtime,
}

/// <summary>One place in the code that creates storage: heap objects, stack buffers or image data.</summary>
public sealed class AllocationSite
{
    public AllocationSite(Location location, AllocationKind kind, StorageClass storage, string typeName, long? sizeBytes,
        bool inLoop, AllocationCertainty certainty, string reason, long? maxSizeBytes = null, string? bound = null, bool elidedByJit = false,
        long? minSizeBytes = null)
    {
        MinSizeBytes = sizeBytes ?? minSizeBytes;
        ElidedByJit = elidedByJit;
        MaxSizeBytes = maxSizeBytes ?? sizeBytes;
        Bound = bound;
        Location = location;
        Kind = kind;
        Storage = storage;
        TypeName = typeName;
        SizeBytes = sizeBytes;
        InLoop = inLoop;
        Certainty = certainty;
        Reason = reason;
    }

    public Location Location { get; }
    public AllocationKind Kind { get; }
    /// <summary><see cref="StorageClass.Dynamic"/>, <see cref="StorageClass.Automatic"/> or <see cref="StorageClass.StaticData"/>.</summary>
    public StorageClass Storage { get; }
    public string TypeName { get; }
    /// <summary>Bytes allocated per execution of the site; null where it depends on run-time values.</summary>
    public long? SizeBytes { get; }
    /// <summary>True when the site runs once per iteration of an enclosing loop.</summary>
    public bool InLoop { get; }
    public AllocationCertainty Certainty { get; }
    /// <summary>
    /// The most bytes the site can take: its size when constant, else the largest size a guard in the code allows
    /// (for a stackalloc with a run-time count: <c>Math.Min(n, K)</c>, <c>n &lt;= K ? ... : ...</c>); null when unbounded.
    /// </summary>
    public long? MaxSizeBytes { get; }
    /// <summary>
    /// True when the IL allocates here but the optimizing JIT removes it (the box before <c>Enum.HasFlag</c> or a
    /// struct's <c>GetType()</c>): the site is real in the IL and in Debug code, not in optimized code.
    /// </summary>
    public bool ElidedByJit { get; }
    /// <summary>
    /// The fewest bytes the site takes: its size when constant; for a string built at run time, the string of its
    /// literal parts and the narrowest text of each hole (0 when it may be empty); null when nothing is known.
    /// </summary>
    public long? MinSizeBytes { get; }

    /// <summary>Words naming the guard that bounds a run-time size (<c>n &lt;= 256</c>), or null.</summary>
    public string? Bound { get; }
    public string Reason { get; }

    public override string ToString() => $"{Kind.ToJsonValue()} {TypeName}: {Storage.ToJsonValue()} {SizeBytes?.ToString() ?? "?"} B ({Reason})";
}
