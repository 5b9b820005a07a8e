using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// The calls of each tree, walked while an analyzer holds the tree's bound semantic model, kept (as symbols and
/// edges, not operation trees) until <see cref="CallGraph.For"/> builds the graph at compilation end. Without it the
/// graph would bind every method body of the compilation a second time. Thread-safe.
/// </summary>
internal sealed class CallGraphCollector
{
    private static readonly ConditionalWeakTable<Compilation, CallGraphCollector> Collectors = new();

    private readonly ConcurrentDictionary<SyntaxTree, CallGraphBuilder> _trees = new();
    // Id maps lent to tree walks: grown once, not for every tree.
    private readonly ConcurrentBag<Dictionary<IMethodSymbol, int>> _idMaps = new();
    private readonly object _gate = new();
    private Dictionary<IMethodSymbol, List<IMethodSymbol>>? _overriders;

    public static CallGraphCollector For(Compilation compilation) => Collectors.GetValue(compilation, _ => new CallGraphCollector());

    public static CallGraphCollector? Find(Compilation compilation) => Collectors.TryGetValue(compilation, out var found) ? found : null;

    /// <summary>Walks the tree of <paramref name="semanticModel"/> unless it has been walked already.</summary>
    public void Add(SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (_trees.ContainsKey(semanticModel.SyntaxTree)) return;
        var ids = _idMaps.TryTake(out var idle) ? idle : new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        var walked = CallGraphBuilder.WalkAlone(semanticModel, Overriders(semanticModel.Compilation, cancellationToken), ids, cancellationToken);
        _idMaps.Add(ids);
        _trees.TryAdd(semanticModel.SyntaxTree, walked);
    }

    public CallGraphBuilder? Walked(SyntaxTree tree) => _trees.TryGetValue(tree, out var walked) ? walked : null;

    /// <summary>The override index, made once (declarations only, no method body is bound).</summary>
    private Dictionary<IMethodSymbol, List<IMethodSymbol>> Overriders(Compilation compilation, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _overriders) is { } known) return known;
        lock (_gate)
        {
            return _overriders ??= CallGraphBuilder.IndexOverriders(compilation, cancellationToken);
        }
    }
}
