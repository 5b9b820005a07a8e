using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>One static variable or RVA blob and the bytes it takes in its segment.</summary>
public sealed class StaticContributor
{
    public StaticContributor(string name, StorageClass storage, long bytes)
    {
        Name = name;
        Storage = storage;
        Bytes = bytes;
    }

    /// <summary><c>Namespace.Type.Field</c>, or the RVA blob's type.</summary>
    public string Name { get; }

    /// <summary><see cref="StorageClass.StaticData"/>, <see cref="StorageClass.StaticBss"/> or <see cref="StorageClass.ThreadLocal"/>.</summary>
    public StorageClass Storage { get; }

    public long Bytes { get; }

    public override string ToString() => $"{Name}: {Storage.ToJsonValue()} {Bytes} B";
}

/// <summary>
/// The data, BSS and thread-local segments from the classifier's statics: each static field's own bytes (a reference
/// is a pointer; the object it points to is on the heap, allocated by static initialisation) and, in data, the constant
/// blobs in the image that <c>ReadOnlySpan&lt;T&gt;</c> properties and array initializers point at (RVA data).
/// </summary>
public sealed class StaticStorage
{
    private StaticStorage(long data, long bss, long threadLocal, ImmutableArray<StaticContributor> contributors)
    {
        DataBytes = data;
        BssBytes = bss;
        ThreadLocalBytes = threadLocal;
        Contributors = contributors;
    }

    public long DataBytes { get; }

    public long BssBytes { get; }

    /// <summary>Per thread: every thread has its own copy.</summary>
    public long ThreadLocalBytes { get; }

    /// <summary>Every static and blob, the largest first.</summary>
    public ImmutableArray<StaticContributor> Contributors { get; }

    public static StaticStorage Of(StorageModel model, CancellationToken cancellationToken = default)
    {
        var contributors = new List<StaticContributor>();
        foreach (var tree in model.Compilation.SyntaxTrees)
        {
            var storage = model.Classify(tree, cancellationToken);
            foreach (var variable in storage.Variables)
            {
                if (variable.Storage is not (StorageClass.StaticData or StorageClass.StaticBss or StorageClass.ThreadLocal)) continue;
                var name = variable.Symbol.ContainingType is { } type ? $"{type.ToDisplayString()}.{variable.Name}" : variable.Name;
                contributors.Add(new StaticContributor(name, variable.Storage, variable.SizeBytes ?? model.Layout.PointerSize));
            }
            foreach (var site in storage.Allocations)
            {
                if (site.Kind == AllocationKind.RvaData && site.SizeBytes is { } bytes)
                    contributors.Add(new StaticContributor($"RVA data {site.TypeName} ({Where(site)})", StorageClass.StaticData, bytes));
            }
        }
        long Sum(StorageClass storage) => contributors.Where(c => c.Storage == storage).Aggregate(0L, (total, c) => Saturating.Add(total, c.Bytes));
        var ranked = contributors.OrderByDescending(c => c.Bytes).ThenBy(c => c.Name, System.StringComparer.Ordinal).ToImmutableArray();
        return new StaticStorage(Sum(StorageClass.StaticData), Sum(StorageClass.StaticBss), Sum(StorageClass.ThreadLocal), ranked);
    }

    private static string Where(AllocationSite site)
    {
        var span = site.Location.GetLineSpan();
        return $"{System.IO.Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}";
    }
}
