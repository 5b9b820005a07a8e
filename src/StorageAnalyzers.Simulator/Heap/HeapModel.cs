using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// Heap bytes along the call tree: each heap allocation site of the compilation times the runs of its code per call of
/// its function (<see cref="LoopCounts"/>), and each call times the runs of its site, from the entry down. A virtual
/// call counts the override that allocates the most (one of them runs per call). A recursive cycle counts its members'
/// allocations and calls once per round, for the recursion depth. A lambda runs once per creation (the call graph's
/// assumption), a thread start not at all (the new thread is an entry of its own). Calls outside the compilation
/// allocate nothing as far as this model sees, except the few whose hidden allocation <see cref="LibraryCalls"/> knows
/// (a thread's start helper, a started task, a work item); sites of run-time size count their least size (a string
/// its literal parts and the narrowest text of each hole, <see cref="AllocationSite.MinSizeBytes"/>) or 0; both are
/// counted and reported. What is built inside a <c>throw</c> is not counted: the estimate is of a run that completes.
/// One instance per simulation, used from one thread.
/// </summary>
internal sealed class HeapModel
{
    private readonly CallGraph _graph;
    private readonly LoopCounts _loops;
    private readonly int _recursionDepth;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IMethodSymbol, int> _componentOf = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<(AllocationSite Site, long Runs)>> _allocations = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, List<(CallSite Site, long Runs)>> _calls = new(SymbolEqualityComparer.Default);

    public HeapModel(StorageModel model, CallGraph graph, LoopCounts loops, int recursionDepth, CancellationToken cancellationToken)
    {
        _graph = graph;
        _loops = loops;
        _recursionDepth = recursionDepth;
        _cancellationToken = cancellationToken;
        for (int component = 0; component < graph.StronglyConnectedComponents.Length; component++)
        {
            foreach (var method in graph.StronglyConnectedComponents[component]) _componentOf[method] = component;
        }

        var index = new FunctionIndex(model.Compilation, graph);
        foreach (var tree in model.Compilation.SyntaxTrees)
        {
            foreach (var site in model.Classify(tree, cancellationToken).Allocations)
            {
                if (site.Storage != StorageClass.Dynamic || IsThrown(site.Location, cancellationToken)) continue;
                long runs = site.InLoop ? loops.Multiplier(site.Location, cancellationToken) : 1;
                foreach (var owner in index.Owners(site.Location, cancellationToken))
                    ListOf(_allocations, owner).Add((site, runs));
            }
        }
        foreach (var method in graph.Methods)
        {
            if (graph.IsExternal(method)) continue;
            foreach (var (call, runs) in Calls(method))
            {
                if (call.Called is { } called && graph.IsExternal(call.Targets[0]) && !IsThrown(call.Location, cancellationToken)
                    && LibraryCalls.HeapAllocation(called, model.Layout) is { } hidden)
                {
                    var site = new AllocationSite(call.Location, AllocationKind.Object, StorageClass.Dynamic, hidden.TypeName, hidden.Bytes,
                        inLoop: runs > 1, AllocationCertainty.Runtime, hidden.Reason + " (inside the library)");
                    ListOf(_allocations, method).Add((site, runs));
                }
            }
        }
    }

    /// <summary>True inside a <c>throw</c>: building the exception happens only on a run that fails, and the estimate is
    /// of a run that completes.</summary>
    private static bool IsThrown(Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree) return false;
        for (SyntaxNode? node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is ThrowStatementSyntax or ThrowExpressionSyntax) return true;
            if (node is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) return false;
        }
        return false;
    }

    /// <summary>What one run of each root allocates, together (the roots run once each).</summary>
    public HeapEstimate Estimate(IEnumerable<IMethodSymbol> roots)
    {
        var rootComponents = roots.Select(CallGraph.Normalize).Where(_componentOf.ContainsKey).Select(m => _componentOf[m]).ToList();
        var reachable = Reachable(rootComponents);

        // Bottom-up (components are numbered callees first): the most a component can allocate, choosing at each
        // call site the target that allocates the most.
        var best = new Dictionary<int, long>();
        var chosen = new Dictionary<CallSite, int>();
        foreach (int component in reachable)
        {
            long round = 0;
            foreach (var member in _graph.StronglyConnectedComponents[component])
            {
                foreach (var (site, runs) in Allocations(member))
                    round = Saturating.Add(round, Saturating.Multiply(site.MinSizeBytes ?? 0, runs));
                foreach (var (call, runs) in Calls(member))
                {
                    if (Target(call, component, best) is not { } target) continue;
                    chosen[call] = target;
                    round = Saturating.Add(round, Saturating.Multiply(best[target], runs));
                }
            }
            best[component] = IsRecursive(component) ? Saturating.Multiply(round, _recursionDepth) : round;
        }

        // Top-down (callers first): how many times each component is entered, along the chosen targets.
        var entered = new Dictionary<int, long>();
        foreach (int root in rootComponents) entered[root] = Saturating.Add(entered.TryGetValue(root, out var n) ? n : 0, 1);
        var contributions = new List<HeapContribution>();
        int unknownSize = 0, external = 0;
        long total = 0;
        for (int i = reachable.Count - 1; i >= 0; i--)
        {
            int component = reachable[i];
            if (!entered.TryGetValue(component, out long entries)) continue;
            long memberRuns = IsRecursive(component) ? Saturating.Multiply(entries, _recursionDepth) : entries;
            foreach (var member in _graph.StronglyConnectedComponents[component])
            {
                foreach (var (site, runs) in Allocations(member))
                {
                    long count = Saturating.Multiply(memberRuns, runs);
                    long bytes = Saturating.Multiply(site.MinSizeBytes ?? 0, count);
                    if (site.SizeBytes is null) unknownSize++;
                    contributions.Add(new HeapContribution(site, count, bytes));
                    total = Saturating.Add(total, bytes);
                }
                foreach (var (call, runs) in Calls(member))
                {
                    if (call.Targets.All(_graph.IsExternal)) external++;
                    if (!chosen.TryGetValue(call, out int target)) continue;
                    entered[target] = Saturating.Add(entered.TryGetValue(target, out var before) ? before : 0, Saturating.Multiply(memberRuns, runs));
                }
            }
        }
        var ranked = contributions.OrderByDescending(c => c.Bytes).ThenByDescending(c => c.Count).ToImmutableArray();
        return new HeapEstimate(total, unknownSize, external, ranked);
    }

    /// <summary>The component of the call's target outside <paramref name="component"/> that allocates the most; null
    /// when every target is inside it (recursion, counted by the depth) or outside the compilation.</summary>
    private int? Target(CallSite call, int component, Dictionary<int, long> best)
    {
        int? target = null;
        foreach (var method in call.Targets)
        {
            if (_graph.IsExternal(method) || !_componentOf.TryGetValue(method, out int callee) || callee == component) continue;
            if (target is null || best[callee] > best[target.Value]) target = callee;
        }
        return target;
    }

    private bool IsRecursive(int component) => _graph.IsRecursive(_graph.StronglyConnectedComponents[component][0]);

    private List<(AllocationSite Site, long Runs)> Allocations(IMethodSymbol method) =>
        _allocations.TryGetValue(method, out var sites) ? sites : new List<(AllocationSite, long)>();

    private List<(CallSite Site, long Runs)> Calls(IMethodSymbol method)
    {
        if (_calls.TryGetValue(method, out var calls)) return calls;
        calls = _graph.CallSites(method).Select(site => (site, _loops.Multiplier(site.Location, _cancellationToken))).ToList();
        _calls[method] = calls;
        return calls;
    }

    /// <summary>The components reachable from the roots, ascending (callees first).</summary>
    private List<int> Reachable(List<int> roots)
    {
        var seen = new HashSet<int>(roots);
        var pending = new Stack<int>(roots);
        while (pending.Count > 0)
        {
            foreach (var member in _graph.StronglyConnectedComponents[pending.Pop()])
            {
                foreach (var callee in _graph.Callees(member))
                {
                    if (_componentOf.TryGetValue(callee, out int target) && seen.Add(target)) pending.Push(target);
                }
            }
        }
        var ordered = seen.ToList();
        ordered.Sort();
        return ordered;
    }

    private static List<T> ListOf<T>(Dictionary<IMethodSymbol, List<T>> lists, IMethodSymbol key)
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = new List<T>();
        return list;
    }
}
