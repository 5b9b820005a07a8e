using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>Runs the memory-model simulation of a compilation: Core's storage model in, a <see cref="Simulation"/> out.</summary>
public static class MemorySimulator
{
    public static Simulation Run(Compilation compilation, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        if (compilation is null) throw new ArgumentNullException(nameof(compilation));
        if (options is null) throw new ArgumentNullException(nameof(options));
        var model = StorageModel.For(compilation, options.PointerSize);
        var stack = StackAnalysis.For(model);
        var graph = stack.GetCallGraph(cancellationToken);
        var loops = new LoopCounts(compilation, options.LoopIterations);

        var entries = options.Entries.IsEmpty ? DefaultEntries(compilation, cancellationToken) : options.Entries;
        var threads = ThreadStacks.Find(stack, entries, options.MainStackBytes, options.RecursionDepth, loops, cancellationToken);

        var heap = new HeapModel(model, graph, loops, options.RecursionDepth, cancellationToken);
        var entryHeaps = threads
            .Select(t => t.Entry)
            .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
            .Select(entry => new EntryHeap(entry, heap.Estimate(new[] { entry })))
            .ToImmutableArray();
        var typeInitializers = graph.Methods.Where(m => m.MethodKind == MethodKind.StaticConstructor && !graph.IsExternal(m));
        var staticInitialisation = heap.Estimate(typeInitializers);

        var text = options.Text ?? TextSize.Estimate(compilation, cancellationToken);
        var statics = StaticStorage.Of(model, cancellationToken);
        var stacks = threads.Select(t => (StackName(t), Saturating.Multiply(t.LimitBytes, t.Instances), Saturating.Multiply(t.WorstCase.TotalBytes, t.Instances)));
        long heapBytes = Simulation.TotalHeap(staticInitialisation, threads, entryHeaps);
        var space = AddressSpace.Lay(options.PointerSize, text.Bytes, statics.DataBytes, statics.BssBytes, heapBytes, stacks);
        return new Simulation(options, text, statics, staticInitialisation, threads, entryHeaps, space);
    }

    /// <summary>The compilation's entry point (<c>Main</c> or top-level statements); none for a library.</summary>
    public static ImmutableArray<IMethodSymbol> DefaultEntries(Compilation compilation, CancellationToken cancellationToken = default) =>
        compilation.GetEntryPoint(cancellationToken) is { } main ? ImmutableArray.Create(main) : ImmutableArray<IMethodSymbol>.Empty;

    private static string StackName(ThreadStack thread) => thread.Instances == 1 ? thread.EntryName : $"{thread.EntryName} x{thread.Instances}";
}
