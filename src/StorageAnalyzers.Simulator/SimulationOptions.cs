using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Simulator;

/// <summary>What the caller tells the simulator; everything else comes from the code or <see cref="SimulationDefaults"/>.</summary>
public sealed class SimulationOptions
{
    public SimulationOptions(int pointerSize = 8, long mainStackBytes = SimulationDefaults.MainThreadStackBytes,
        int loopIterations = SimulationDefaults.LoopIterations, int recursionDepth = SimulationDefaults.RecursionDepth,
        ImmutableArray<IMethodSymbol> entries = default, TextSize? text = null)
    {
        if (pointerSize is not (8 or 4)) throw new ArgumentOutOfRangeException(nameof(pointerSize), pointerSize, "The pointer size is 8 or 4 bytes.");
        if (mainStackBytes < 1) throw new ArgumentOutOfRangeException(nameof(mainStackBytes), mainStackBytes, "A stack has at least one byte.");
        if (loopIterations < 0) throw new ArgumentOutOfRangeException(nameof(loopIterations), loopIterations, "A loop runs zero or more times.");
        if (recursionDepth < 1) throw new ArgumentOutOfRangeException(nameof(recursionDepth), recursionDepth, "A recursion depth is at least 1.");
        PointerSize = pointerSize;
        MainStackBytes = mainStackBytes;
        LoopIterations = loopIterations;
        RecursionDepth = recursionDepth;
        Entries = entries.IsDefault ? ImmutableArray<IMethodSymbol>.Empty : entries;
        Text = text;
    }

    /// <summary>8 for 64-bit, 4 for 32-bit.</summary>
    public int PointerSize { get; }

    /// <summary>The stack of the thread that runs the entry points (<c>--stack-limit</c>, <c>storage_analyzers.stack_limit</c>).</summary>
    public long MainStackBytes { get; }

    /// <summary>The assumed count of a loop without a constant bound.</summary>
    public int LoopIterations { get; }

    /// <summary>The assumed number of rounds of each recursive cycle.</summary>
    public int RecursionDepth { get; }

    /// <summary>The entry points run on the main thread; empty for the compilation's own (<c>Main</c> or top-level statements).</summary>
    public ImmutableArray<IMethodSymbol> Entries { get; }

    /// <summary>The text segment measured from an emitted image (<see cref="TextSize.Measure"/>); null to estimate it.</summary>
    public TextSize? Text { get; }
}
