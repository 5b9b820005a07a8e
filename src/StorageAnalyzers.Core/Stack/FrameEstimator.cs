using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// Estimates the stack frame of a function with a body in source from the storage model's classification.
/// </summary>
/// <remarks>
/// The frame is the sum of:
/// <list type="bullet">
/// <item>the fixed per-call overhead (<see cref="CallOverheadBytes"/>);</item>
/// <item>locals the classifier puts in automatic storage in this very function (hoisted and captured-to-heap
/// locals are elsewhere; a local captured only by local functions lives in a struct closure in this frame and
/// counts), each rounded up to a pointer-sized slot; collection expressions held in inline arrays on the stack;</item>
/// <item>by-value struct parameters larger than two pointers: the x64 System V ABI passes smaller ones in registers
/// and copies larger ones to the stack (Windows x64 copies anything over 8 bytes to a caller-made temporary, and
/// x86 passes most arguments on the stack: this one threshold is a simplification);</item>
/// <item><c>stackalloc</c> buffers of the function's own body at their constant size or the bound a guard gives a
/// run-time count, each rounded up to the stack alignment as the JIT's <c>localloc</c> does. An unbounded size counts 0 and sets <see cref="FrameEstimate.HasUnboundedStackalloc"/>,
/// as does a <c>stackalloc</c> in a loop (its buffers are released only when the function returns).</item>
/// </list>
/// and is rounded up to the stack alignment (16 bytes on 64-bit, 8 on 32-bit). The JIT keeps many locals in
/// registers and shares slots between locals whose lifetimes do not overlap, so this leans high for functions with
/// many small locals; it does not see JIT temporaries or outgoing-argument space. Checked against frames measured on
/// .NET 10 x64 (StackFrameGroundTruthTests). Thread-safe; estimates are cached per function.
/// </remarks>
public sealed class FrameEstimator
{
    /// <summary>The return address the call pushes and the caller's frame pointer the prologue saves.</summary>
    public const int LinkageSlots = 2;

    /// <summary>
    /// Callee-saved registers the prologue pushes and temporaries the JIT spills, beyond the named locals. Measured
    /// .NET 10 x64 frames of small methods on Linux are 16-112 bytes and fit this within a factor of 1.5; Windows x64
    /// adds a 32-byte home area for the callee's register arguments to every non-leaf frame, which this covers in part.
    /// </summary>
    public const int SpillSlots = 2;

    /// <summary>How many contributors <see cref="FrameEstimate.LargestItems"/> lists.</summary>
    public const int LargestItemCount = 5;

    private readonly StorageModel _model;
    private readonly ConcurrentDictionary<SyntaxTree, Dictionary<IMethodSymbol, FunctionParts>> _trees = new();
    private readonly ConcurrentDictionary<IMethodSymbol, FrameEstimate> _frames = new(SymbolEqualityComparer.Default);

    internal FrameEstimator(StorageModel model) => _model = model;

    private int PointerSize => _model.Layout.PointerSize;

    /// <summary>Bytes every call adds before any local: <see cref="LinkageSlots"/> + <see cref="SpillSlots"/> pointers
    /// (32 on 64-bit, 16 on 32-bit).</summary>
    public static long CallOverheadBytes(int pointerSize) => (LinkageSlots + SpillSlots) * (long)pointerSize;

    /// <summary>The stack pointer's alignment at a call: 16 bytes on 64-bit, 8 assumed for 32-bit (x86 guarantees only 4).</summary>
    public static int StackAlignment(int pointerSize) => pointerSize == 8 ? 16 : 8;

    /// <summary>The frame of <paramref name="method"/>; a method outside the compilation costs
    /// <see cref="LibraryCalls.StackBytes"/>, one without a body in source (implicit constructor, abstract,
    /// auto-property accessor) only the overhead and its parameters.</summary>
    public FrameEstimate Estimate(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        method = CallGraph.Normalize(method);
        if (_frames.TryGetValue(method, out var cached)) return cached;
        return _frames.GetOrAdd(method, Compute(method, cancellationToken));
    }

    private FrameEstimate Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (CallGraph.IsExternal(method, _model.Compilation.Assembly))
        {
            long bytes = LibraryCalls.StackBytes(method);
            string why = LibraryCalls.IsBlockingWait(method) ? "a blocking wait inside the runtime (measured)" : "code outside the compilation (fixed estimate)";
            return new FrameEstimate(method, bytes, 0, 0, 0, hasStackalloc: false, hasUnboundedStackalloc: false, ImmutableArray.Create((why, bytes)));
        }

        var items = new List<(string Name, long Bytes)>();
        long parameters = 0;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || !parameter.Type.IsValueType) continue;
            long size = _model.Layout.SizeOf(parameter.Type).Size;
            if (size <= 2L * PointerSize) continue; // passed in registers
            size = AlignUp(size, PointerSize);
            parameters += size;
            items.Add((parameter.Name, size));
        }

        long locals = 0, buffers = 0;
        bool hasStackalloc = false, unbounded = false;
        var references = method.DeclaringSyntaxReferences;
        for (int i = 0; i < references.Length; i++)
        {
            var tree = references[i].SyntaxTree;
            if (!_model.Compilation.ContainsSyntaxTree(tree) || AppearsBefore(references, i, tree)) continue;
            if (!PartsOf(tree, cancellationToken).TryGetValue(method, out var parts)) continue;
            foreach (var local in parts.Locals)
            {
                long size = AlignUp(SlotSize((ILocalSymbol)local.Symbol), PointerSize);
                locals += size;
                items.Add((local.Name, size));
            }
            foreach (var site in parts.Buffers)
            {
                if (site.Kind == AllocationKind.Collection)
                {
                    long size = site.SizeBytes ?? 0;
                    locals += size;
                    items.Add(($"collection {site.TypeName}", size));
                    continue;
                }
                hasStackalloc = true;
                // A guarded run-time count (n <= K ? stackalloc T[n] : ...) counts at its bound.
                unbounded |= site.MaxSizeBytes is null || site.InLoop;
                if (site.MaxSizeBytes is not { } bytes) continue;
                long rounded = AlignUp(bytes, StackAlignment(PointerSize));
                buffers += rounded;
                items.Add(($"stackalloc {site.TypeName}", rounded));
            }
        }

        long total = AlignUp(CallOverheadBytes(PointerSize) + locals + parameters + buffers, StackAlignment(PointerSize));
        return new FrameEstimate(method, total, locals, parameters, buffers, hasStackalloc, unbounded, Largest(items));
    }

    /// <summary>A ref local is a pointer; any other local its type's size.</summary>
    private long SlotSize(ILocalSymbol local) =>
        local.RefKind != RefKind.None ? PointerSize : _model.Layout.SizeOf(local.Type).Size;

    private static bool AppearsBefore(ImmutableArray<SyntaxReference> references, int index, SyntaxTree tree)
    {
        for (int i = 0; i < index; i++)
            if (references[i].SyntaxTree == tree) return true;
        return false;
    }

    private static ImmutableArray<(string Name, long Bytes)> Largest(List<(string Name, long Bytes)> items)
    {
        // Stable by source order among equals: the index breaks ties.
        var ranked = new List<(string Name, long Bytes, int Order)>(items.Count);
        for (int i = 0; i < items.Count; i++) ranked.Add((items[i].Name, items[i].Bytes, i));
        ranked.Sort((a, b) => a.Bytes != b.Bytes ? b.Bytes.CompareTo(a.Bytes) : a.Order.CompareTo(b.Order));
        int count = System.Math.Min(LargestItemCount, ranked.Count);
        var result = ImmutableArray.CreateBuilder<(string Name, long Bytes)>(count);
        for (int i = 0; i < count; i++) result.Add((ranked[i].Name, ranked[i].Bytes));
        return result.MoveToImmutable();
    }

    /// <summary>Groups the frame parts of a tree now, with a semantic model the caller has bound, so that estimates
    /// asked for later (at compilation end) bind nothing.</summary>
    internal void Prepare(SemanticModel semanticModel, CancellationToken cancellationToken) =>
        PartsOf(semanticModel.SyntaxTree, cancellationToken, semanticModel);

    /// <summary>The frame contributions of every function in a tree, grouped once per tree from its classification.</summary>
    private Dictionary<IMethodSymbol, FunctionParts> PartsOf(SyntaxTree tree, CancellationToken cancellationToken, SemanticModel? semanticModel = null)
    {
        if (_trees.TryGetValue(tree, out var cached)) return cached;
        semanticModel ??= _model.Compilation.GetSemanticModel(tree);
        var storage = _model.ClassifyFrames(semanticModel, cancellationToken);
        var parts = new Dictionary<IMethodSymbol, FunctionParts>(SymbolEqualityComparer.Default);
        foreach (var variable in storage.Variables)
        {
            if (variable is { Kind: VariableKind.Local, Storage: StorageClass.Automatic, Symbol: ILocalSymbol { ContainingSymbol: IMethodSymbol function } })
                Parts(parts, function).Locals.Add(variable);
        }
        foreach (var site in storage.Allocations)
        {
            if (site.Storage != StorageClass.Automatic || site.Kind is not (AllocationKind.Stackalloc or AllocationKind.Collection)) continue;
            // The innermost function around the site: a lambda or local function owns its own buffers.
            if (semanticModel.GetEnclosingSymbol(site.Location.SourceSpan.Start, cancellationToken) is IMethodSymbol function)
                Parts(parts, function).Buffers.Add(site);
        }
        return _trees.GetOrAdd(tree, parts);
    }

    private static FunctionParts Parts(Dictionary<IMethodSymbol, FunctionParts> parts, IMethodSymbol function)
    {
        function = CallGraph.Normalize(function);
        if (!parts.TryGetValue(function, out var found)) parts[function] = found = new FunctionParts();
        return found;
    }

    private static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private sealed class FunctionParts
    {
        public List<VariableStorage> Locals { get; } = new();
        public List<AllocationSite> Buffers { get; } = new();
    }
}
