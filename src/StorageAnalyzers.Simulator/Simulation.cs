using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Simulator;

/// <summary>The simulated memory of one program: its segments, one stack per thread, the heap per entry point.</summary>
public sealed class Simulation
{
    public Simulation(SimulationOptions options, TextSize text, StaticStorage statics, HeapEstimate staticInitialisation,
        ImmutableArray<ThreadStack> threads, ImmutableArray<EntryHeap> entries, AddressSpace addressSpace)
    {
        Options = options;
        Text = text;
        Statics = statics;
        StaticInitialisation = staticInitialisation;
        Threads = threads;
        Entries = entries;
        AddressSpace = addressSpace;
    }

    public SimulationOptions Options { get; }

    public int PointerSize => Options.PointerSize;

    public TextSize Text { get; }

    public StaticStorage Statics { get; }

    /// <summary>What the type initializers allocate (static field initializers and static constructors), once per process.</summary>
    public HeapEstimate StaticInitialisation { get; }

    /// <summary>The main thread first (one per entry point), then each thread started, in the order they were found.</summary>
    public ImmutableArray<ThreadStack> Threads { get; }

    /// <summary>One per distinct entry point: the main thread's and each started thread's.</summary>
    public ImmutableArray<EntryHeap> Entries { get; }

    public AddressSpace AddressSpace { get; }

    /// <summary>Every byte the program allocates on the heap: static initialisation, then each thread's entry once per
    /// thread it runs on. Allocated, not live: the GC reclaims what is no longer referenced.</summary>
    public long HeapBytes => TotalHeap(StaticInitialisation, Threads, Entries);

    internal static long TotalHeap(HeapEstimate staticInitialisation, ImmutableArray<ThreadStack> threads, ImmutableArray<EntryHeap> entries)
    {
        long total = staticInitialisation.Bytes;
        foreach (var thread in threads)
        {
            var heap = entries.First(e => SymbolEqualityComparer.Default.Equals(e.Entry, thread.Entry)).Heap;
            total = Saturating.Add(total, Saturating.Multiply(heap.Bytes, thread.Instances));
        }
        return total;
    }

    /// <summary>The worst-case stack of every thread added up (each thread its own stack).</summary>
    public long StackBytes
    {
        get
        {
            long total = 0;
            foreach (var thread in Threads) total = Saturating.Add(total, Saturating.Multiply(thread.WorstCase.TotalBytes, thread.Instances));
            return total;
        }
    }

    /// <summary>Thread-local statics of every thread: one copy per thread.</summary>
    public long ThreadLocalBytesAllThreads
    {
        get
        {
            long threads = 0;
            foreach (var thread in Threads) threads = Saturating.Add(threads, thread.Instances);
            return Saturating.Multiply(Statics.ThreadLocalBytes, threads);
        }
    }
}
