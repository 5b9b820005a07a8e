using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Core;

/// <summary>
/// Who calls whom in one compilation, built once from every source tree, with the recursive cycles (strongly
/// connected components) and the deepest stack from an entry point.
/// </summary>
/// <remarks>
/// Nodes are functions by their original definition (a generic method once, whatever its type arguments), partial
/// methods by their implementation. An edge caller → callee is added for:
/// <list type="bullet">
/// <item>invocations, object creations (constructors), property and indexer accessors used (get, set or both),
/// event add/remove, user-defined operators and conversions, local function calls;</item>
/// <item>a virtual or interface call: the target (when it has a body) and every override or implementation in
/// source, since any of them may run;</item>
/// <item>a lambda or method group turned into a delegate: an edge from the function that creates the delegate to its
/// target. Where the delegate is really invoked is not tracked; assuming the creator calls it is right for the usual
/// "create and invoke or pass to a LINQ/BCL call" and keeps the target on the creator's stack. A delegate given to
/// <c>new Thread(...)</c>, <c>Task.Run</c>, <c>Task.Factory.StartNew</c> or <c>ThreadPool.QueueUserWorkItem</c> runs
/// on another stack: it gets no edge and is listed in <see cref="ThreadStarts"/> (other hops, such as a delegate
/// stored and later handed to a thread, still count on the creator's stack);</item>
/// <item>field and property initializers: from the constructors that run them (the static constructor for statics);
/// a constructor without <c>this(...)</c>/<c>base(...)</c> calls its base class's parameterless constructor.</item>
/// </list>
/// Invoking a delegate (<c>d()</c>) adds no edge (its targets come from the creations above). Calls the compiler
/// inserts for patterns (<c>foreach</c>, <c>using</c>, <c>await</c>, deconstruction) are not edges. Methods outside
/// the compilation (and <c>extern</c> ones) are leaves ("external") costing <see cref="ExternalFrameBytes"/>, or
/// <see cref="LibraryCalls.BlockingWaitBytes"/> for a call that blocks.
/// Thread-safe and immutable once built.
/// </remarks>
public sealed class CallGraph
{
    /// <summary>
    /// The stack charged for a call that leaves the compilation (BCL or another assembly): its code is not seen.
    /// A .NET library frame is typically 50-200 bytes on x64 and most library calls go a few frames deep before
    /// returning; 256 bytes stands for that. A call that blocks goes deeper: <see cref="LibraryCalls.StackBytes"/>.
    /// </summary>
    public const long ExternalFrameBytes = 256;

    private static readonly ConditionalWeakTable<Compilation, Slot> Graphs = new();

    private readonly IAssemblySymbol _assembly;
    private readonly Dictionary<IMethodSymbol, int> _ids;
    private readonly ImmutableArray<IMethodSymbol> _methods;
    private readonly int[][] _callees;
    private readonly bool[] _external;
    private readonly ImmutableArray<CallSite>[] _sites;
    private readonly int[] _componentOf;
    private readonly int[][] _componentNodes;
    private readonly bool[] _componentRecursive;

    internal CallGraph(IAssemblySymbol assembly, Dictionary<IMethodSymbol, int> ids, ImmutableArray<IMethodSymbol> methods,
        int[][] callees, bool[] external, ImmutableArray<CallSite>[] sites, ImmutableArray<ThreadStartSite> threadStarts)
    {
        _sites = sites;
        _assembly = assembly;
        _ids = ids;
        _methods = methods;
        _callees = callees;
        _external = external;
        ThreadStarts = threadStarts;
        (_componentOf, _componentNodes) = Tarjan(callees);

        _componentRecursive = new bool[_componentNodes.Length];
        var components = ImmutableArray.CreateBuilder<ImmutableArray<IMethodSymbol>>(_componentNodes.Length);
        for (int component = 0; component < _componentNodes.Length; component++)
        {
            var nodes = _componentNodes[component];
            _componentRecursive[component] = nodes.Length > 1 || Array.IndexOf(callees[nodes[0]], nodes[0]) >= 0;
            var members = ImmutableArray.CreateBuilder<IMethodSymbol>(nodes.Length);
            foreach (int node in nodes) members.Add(methods[node]);
            components.Add(members.MoveToImmutable());
        }
        StronglyConnectedComponents = components.MoveToImmutable();
    }

    /// <summary>The graph of a compilation, built on first use and shared by every caller (it does not depend on the
    /// pointer size). A cancelled build is not cached.</summary>
    public static CallGraph For(Compilation compilation, CancellationToken cancellationToken = default)
    {
        if (compilation is null) throw new ArgumentNullException(nameof(compilation));
        var slot = Graphs.GetValue(compilation, _ => new Slot());
        if (Volatile.Read(ref slot.Graph) is { } built) return built;
        lock (slot)
        {
            if (slot.Graph is null) Volatile.Write(ref slot.Graph, CallGraphBuilder.Build(compilation, cancellationToken));
            return slot.Graph!;
        }
    }

    /// <summary>Every function seen: source functions with a body, the lambdas and local functions in them, and the
    /// external methods they call.</summary>
    public ImmutableArray<IMethodSymbol> Methods => _methods;

    /// <summary>Every component, callees before callers (a component comes after all the components it calls):
    /// single non-recursive functions and the recursive cycles.</summary>
    public ImmutableArray<ImmutableArray<IMethodSymbol>> StronglyConnectedComponents { get; }

    /// <summary>Every <c>new Thread(...)</c> and every delegate handed to the thread pool in source, in source order per tree.</summary>
    public ImmutableArray<ThreadStartSite> ThreadStarts { get; }

    /// <summary>The functions <paramref name="method"/> may call directly; empty when it is not in the graph.</summary>
    public ImmutableArray<IMethodSymbol> Callees(IMethodSymbol method)
    {
        if (!_ids.TryGetValue(Normalize(method), out int id)) return ImmutableArray<IMethodSymbol>.Empty;
        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>(_callees[id].Length);
        foreach (int callee in _callees[id]) builder.Add(_methods[callee]);
        return builder.MoveToImmutable();
    }

    /// <summary>Every place <paramref name="method"/> calls others, in source order; empty when it is not in the graph.</summary>
    public ImmutableArray<CallSite> CallSites(IMethodSymbol method) =>
        _ids.TryGetValue(Normalize(method), out int id) ? _sites[id] : ImmutableArray<CallSite>.Empty;

    /// <summary>
    /// The constructors that run the initializer of a field or property: the static constructor for a static member
    /// (the compiler makes one when there is none in source), otherwise every instance constructor that does not chain
    /// to <c>this(...)</c>.
    /// </summary>
    public static IEnumerable<IMethodSymbol> InitializerRunners(ISymbol member)
    {
        if (member is null) throw new ArgumentNullException(nameof(member));
        var type = member.ContainingType;
        foreach (var constructor in member.IsStatic ? type.StaticConstructors : type.InstanceConstructors)
        {
            if (!ChainsToThis(constructor)) yield return constructor;
        }
    }

    private static bool ChainsToThis(IMethodSymbol constructor) =>
        constructor.DeclaringSyntaxReferences.Length > 0
        && constructor.DeclaringSyntaxReferences[0].GetSyntax() is ConstructorDeclarationSyntax
        {
            Initializer.ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword,
        };

    /// <summary>True for a method outside the compilation or <c>extern</c>: a leaf of the graph.</summary>
    public bool IsExternal(IMethodSymbol method) => IsExternal(method, _assembly);

    /// <summary>True when <paramref name="method"/> can call itself, directly or through others.</summary>
    public bool IsRecursive(IMethodSymbol method) =>
        _ids.TryGetValue(Normalize(method), out int id) && _componentRecursive[_componentOf[id]];

    /// <summary>The functions of the recursive cycle <paramref name="method"/> belongs to (itself included); empty
    /// when it is not recursive.</summary>
    public ImmutableArray<IMethodSymbol> CycleOf(IMethodSymbol method) =>
        _ids.TryGetValue(Normalize(method), out int id) && _componentRecursive[_componentOf[id]]
            ? StronglyConnectedComponents[_componentOf[id]]
            : ImmutableArray<IMethodSymbol>.Empty;

    /// <summary>
    /// The deepest stack a call of <paramref name="entry"/> can reach: the path through the graph whose frames add up
    /// to the most bytes. A recursive cycle on the path counts all its members' frames <paramref name="recursionDepth"/>
    /// times (for a cycle that is not a simple ring this over-counts: every member is assumed to be on each round).
    /// </summary>
    /// <param name="frameBytes">The frame of a function in source; external methods cost <see cref="LibraryCalls.StackBytes"/>.</param>
    public StackChain WorstCaseStack(IMethodSymbol entry, Func<IMethodSymbol, long> frameBytes, int recursionDepth)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (frameBytes is null) throw new ArgumentNullException(nameof(frameBytes));
        if (recursionDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(recursionDepth), recursionDepth, "A recursion depth is at least 1.");
        entry = Normalize(entry);
        if (!_ids.TryGetValue(entry, out int start))
        {
            long alone = IsExternal(entry) ? LibraryCalls.StackBytes(entry) : frameBytes(entry);
            return new StackChain(ImmutableArray.Create((entry, alone)), alone, recursive: false, recursionDepth);
        }

        var frames = new long[_methods.Length];
        for (int i = 0; i < frames.Length; i++) frames[i] = -1;
        long Frame(int node)
        {
            if (frames[node] < 0) frames[node] = _external[node] ? LibraryCalls.StackBytes(_methods[node]) : frameBytes(_methods[node]);
            return frames[node];
        }

        // Components are numbered callees first, so one ascending pass over the reachable ones sees every callee
        // component before its callers: best[c] = c's own bytes + the best component it calls.
        var reachable = ReachableComponents(_componentOf[start]);
        var best = new long[_componentNodes.Length];
        var exit = new int[_componentNodes.Length]; // the node the best path continues to, or -1
        foreach (int component in reachable)
        {
            long own = 0, tail = 0;
            int next = -1;
            foreach (int node in _componentNodes[component])
            {
                own += Frame(node);
                foreach (int callee in _callees[node])
                {
                    int target = _componentOf[callee];
                    if (target != component && best[target] > tail)
                    {
                        tail = best[target];
                        next = callee;
                    }
                }
            }
            best[component] = (_componentRecursive[component] ? own * recursionDepth : own) + tail;
            exit[component] = next;
        }

        var chain = ImmutableArray.CreateBuilder<(IMethodSymbol, long)>();
        bool recursive = false;
        for (int node = start; node >= 0; node = exit[_componentOf[node]])
        {
            int component = _componentOf[node];
            if (!_componentRecursive[component])
            {
                chain.Add((_methods[node], Frame(node)));
                continue;
            }
            recursive = true;
            foreach (int member in CycleOrder(node, component))
                chain.Add((_methods[member], Frame(member) * recursionDepth));
        }
        return new StackChain(chain.ToImmutable(), best[_componentOf[start]], recursive, recursionDepth);
    }

    /// <summary>The function a call site or a declaration stands for in the graph: its original definition (a generic
    /// method once, whatever its type arguments; partial methods: the implementation).</summary>
    public static IMethodSymbol Normalize(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return method.PartialImplementationPart ?? method;
    }

    /// <summary>Code the compilation does not contain: another assembly's, or <c>extern</c> (native or runtime).</summary>
    internal static bool IsExternal(IMethodSymbol method, IAssemblySymbol assembly) =>
        method.IsExtern || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, assembly);

    /// <summary>The components reachable from <paramref name="first"/>, in ascending (callees-first) order.</summary>
    private List<int> ReachableComponents(int first)
    {
        var seen = new bool[_componentNodes.Length];
        var pending = new Stack<int>();
        var result = new List<int>();
        seen[first] = true;
        pending.Push(first);
        while (pending.Count > 0)
        {
            int component = pending.Pop();
            result.Add(component);
            foreach (int node in _componentNodes[component])
            {
                foreach (int callee in _callees[node])
                {
                    int target = _componentOf[callee];
                    if (!seen[target])
                    {
                        seen[target] = true;
                        pending.Push(target);
                    }
                }
            }
        }
        result.Sort();
        return result;
    }

    /// <summary>The members of a cycle in depth-first call order from where the chain enters it.</summary>
    private List<int> CycleOrder(int enter, int component)
    {
        var order = new List<int>();
        var seen = new HashSet<int> { enter };
        var pending = new Stack<int>();
        pending.Push(enter);
        while (pending.Count > 0)
        {
            int node = pending.Pop();
            order.Add(node);
            var callees = _callees[node];
            for (int i = callees.Length - 1; i >= 0; i--) // reversed so the first callee is visited first
            {
                if (_componentOf[callees[i]] == component && seen.Add(callees[i])) pending.Push(callees[i]);
            }
        }
        return order;
    }

    /// <summary>Tarjan's algorithm with an explicit stack (no recursion, so deep call chains cannot overflow the
    /// analyzer's own stack). Components come out callees first.</summary>
    private static (int[] ComponentOf, int[][] Components) Tarjan(int[][] callees)
    {
        int count = callees.Length;
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        var componentOf = new int[count];
        for (int i = 0; i < count; i++) index[i] = -1;
        var components = new List<int[]>();
        var members = new List<int>();
        var open = new Stack<int>();
        var calls = new Stack<(int Node, int NextEdge)>();
        int counter = 0;

        for (int root = 0; root < count; root++)
        {
            if (index[root] >= 0) continue;
            Enter(root);
            while (calls.Count > 0)
            {
                var (node, edge) = calls.Pop();
                if (edge < callees[node].Length)
                {
                    calls.Push((node, edge + 1));
                    int callee = callees[node][edge];
                    if (index[callee] < 0) Enter(callee);
                    else if (onStack[callee]) low[node] = Math.Min(low[node], index[callee]);
                    continue;
                }
                if (low[node] == index[node])
                {
                    members.Clear();
                    int member;
                    do
                    {
                        member = open.Pop();
                        onStack[member] = false;
                        componentOf[member] = components.Count;
                        members.Add(member);
                    }
                    while (member != node);
                    members.Reverse(); // stack order back to discovery order
                    components.Add(members.ToArray());
                }
                if (calls.Count > 0)
                {
                    int caller = calls.Peek().Node;
                    low[caller] = Math.Min(low[caller], low[node]);
                }
            }
        }
        return (componentOf, components.ToArray());

        void Enter(int node)
        {
            index[node] = low[node] = counter++;
            open.Push(node);
            onStack[node] = true;
            calls.Push((node, 0));
        }
    }

    private sealed class Slot
    {
        public CallGraph? Graph;
    }
}
