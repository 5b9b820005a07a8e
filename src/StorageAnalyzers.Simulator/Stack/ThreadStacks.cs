using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// Finds the threads a program runs and each one's worst-case stack. The main thread runs the entry points; every
/// <c>new Thread(...)</c> and thread-pool hand-off whose creator the entry points (or threads already found) can reach
/// starts another thread. Without entry points (a library), every thread start in the compilation counts. A thread
/// whose start delegate is not a lambda or method group at the site cannot be followed and is left out.
/// </summary>
public static class ThreadStacks
{
    /// <param name="entries">The main thread's entry points; may be empty.</param>
    /// <param name="mainStackBytes">The main thread's stack limit.</param>
    /// <param name="loops">Counts the threads a start site inside a loop makes; null counts one per site.</param>
    public static ImmutableArray<ThreadStack> Find(StackAnalysis stack, IEnumerable<IMethodSymbol> entries, long mainStackBytes,
        int recursionDepth, LoopCounts? loops = null, CancellationToken cancellationToken = default)
    {
        var graph = stack.GetCallGraph(cancellationToken);
        var threads = ImmutableArray.CreateBuilder<ThreadStack>();
        var reachable = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<IMethodSymbol>();
        foreach (var entry in entries)
        {
            threads.Add(Measure(stack, graph, entry, ThreadKind.Main, mainStackBytes, StackLimitSource.MainThread, recursionDepth, 1, null, cancellationToken));
            pending.Enqueue(CallGraph.Normalize(entry));
        }
        bool everyStart = pending.Count == 0;

        var started = new HashSet<ThreadStartSite>();
        while (true)
        {
            Reach(graph, pending, reachable);
            var found = graph.ThreadStarts.Where(s => s.Start is not null && !started.Contains(s)
                && (everyStart || reachable.Contains(s.Creator))).ToList();
            if (found.Count == 0) break;
            foreach (var site in found)
            {
                started.Add(site);
                var (limit, source) = LimitOf(site);
                long instances = loops?.Multiplier(site.Location, cancellationToken) ?? 1;
                var kind = site.Kind == ThreadStartKind.ThreadPool ? ThreadKind.ThreadPool : ThreadKind.Thread;
                threads.Add(Measure(stack, graph, site.Start!, kind, limit, source, recursionDepth, instances, site, cancellationToken));
                pending.Enqueue(site.Start!);
            }
        }
        return threads.ToImmutable();
    }

    /// <summary>The stack a started thread gets: its constant <c>maxStackSize</c>, else the default.</summary>
    public static (long Bytes, StackLimitSource Source) LimitOf(ThreadStartSite site) => site.MaxStackSize switch
    {
        null => (SimulationDefaults.SecondaryThreadStackBytes, StackLimitSource.NotConstant),
        > 0 and var size => (size, StackLimitSource.MaxStackSize),
        _ => (SimulationDefaults.SecondaryThreadStackBytes, StackLimitSource.Default),
    };

    private static ThreadStack Measure(StackAnalysis stack, CallGraph graph, IMethodSymbol entry, ThreadKind kind, long limit,
        StackLimitSource source, int recursionDepth, long instances, ThreadStartSite? site, CancellationToken cancellationToken)
    {
        var chain = stack.WorstCaseStack(entry, recursionDepth, cancellationToken);
        var cycle = chain.Chain.Select(link => graph.CycleOf(link.Method)).FirstOrDefault(c => !c.IsEmpty);
        return new ThreadStack(entry, kind, limit, source, chain, cycle.IsDefault ? ImmutableArray<IMethodSymbol>.Empty : cycle, instances, site);
    }

    /// <summary>Adds everything the pending functions can call (on their own stack) to <paramref name="reachable"/>.</summary>
    private static void Reach(CallGraph graph, Queue<IMethodSymbol> pending, HashSet<IMethodSymbol> reachable)
    {
        while (pending.Count > 0)
        {
            var method = pending.Dequeue();
            if (!reachable.Add(method)) continue;
            foreach (var callee in graph.Callees(method)) pending.Enqueue(callee);
        }
    }
}
