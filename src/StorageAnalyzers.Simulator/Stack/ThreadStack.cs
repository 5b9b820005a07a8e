using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>What kind of thread runs an entry point.</summary>
public enum ThreadKind
{
    /// <summary>The process's main thread: <c>Main</c>, top-level statements, or an entry the caller chose.</summary>
    Main,
    /// <summary><c>new Thread(start)</c> or <c>new Thread(start, maxStackSize)</c>.</summary>
    Thread,
    /// <summary>Work handed to the thread pool: <c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>ThreadPool.QueueUserWorkItem</c>.</summary>
    ThreadPool,
}

/// <summary>Where a thread's stack limit comes from.</summary>
public enum StackLimitSource
{
    /// <summary>The main thread's limit the caller gave (<c>--stack-limit</c>, <c>storage_analyzers.stack_limit</c>).</summary>
    MainThread,
    /// <summary>A constant <c>maxStackSize</c> at the <c>new Thread(...)</c>.</summary>
    MaxStackSize,
    /// <summary>No size given: <see cref="SimulationDefaults.SecondaryThreadStackBytes"/>.</summary>
    Default,
    /// <summary>A <c>maxStackSize</c> that is not a constant: the default is assumed.</summary>
    NotConstant,
}

/// <summary>One thread's stack: its entry, its limit, and the deepest call chain the entry can reach.</summary>
public sealed class ThreadStack
{
    public ThreadStack(IMethodSymbol entry, ThreadKind kind, long limitBytes, StackLimitSource limitSource, StackChain worstCase,
        ImmutableArray<IMethodSymbol> cycle, long instances, ThreadStartSite? start)
    {
        Entry = entry;
        Kind = kind;
        LimitBytes = limitBytes;
        LimitSource = limitSource;
        WorstCase = worstCase;
        Cycle = cycle;
        Instances = instances;
        Start = start;
    }

    public IMethodSymbol Entry { get; }

    public string EntryName => MethodNames.Of(Entry);

    public ThreadKind Kind { get; }

    public long LimitBytes { get; }

    public StackLimitSource LimitSource { get; }

    /// <summary>The deepest chain from the entry; a recursive cycle on it is counted at the simulation's recursion depth.</summary>
    public StackChain WorstCase { get; }

    /// <summary>True when the chain goes through recursion: the real depth is unbounded as far as the code shows.</summary>
    public bool Recursive => WorstCase.Recursive;

    /// <summary>The first recursive cycle on the worst chain (its members in call order); empty without recursion.</summary>
    public ImmutableArray<IMethodSymbol> Cycle { get; }

    /// <summary>How many threads the start site makes: its loop count (1 for the main thread and a site outside loops).</summary>
    public long Instances { get; }

    /// <summary>The <c>new Thread(...)</c> or <c>Task.Run(...)</c>; null for the main thread.</summary>
    public ThreadStartSite? Start { get; }

    public bool Fits => WorstCase.TotalBytes <= LimitBytes;

    public override string ToString() => $"{Kind} {EntryName}: {WorstCase.TotalBytes} of {LimitBytes} B{(Recursive ? " (recursive)" : "")}";
}
