using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>The deepest call chain from an entry point: what one thread's stack needs in the worst case.</summary>
public sealed class StackChain
{
    public StackChain(ImmutableArray<(IMethodSymbol Method, long FrameBytes)> chain, long totalBytes, bool recursive, int recursionDepth)
    {
        Chain = chain;
        TotalBytes = totalBytes;
        Recursive = recursive;
        RecursionDepth = recursionDepth;
    }

    /// <summary>
    /// The entry first, then each callee on the deepest path. <c>FrameBytes</c> is what the method adds to the total:
    /// its frame, or for a member of a recursive cycle its frame times <see cref="RecursionDepth"/> (each member of a
    /// cycle is listed once, in call order from where the chain enters the cycle).
    /// </summary>
    public ImmutableArray<(IMethodSymbol Method, long FrameBytes)> Chain { get; }

    /// <summary>The sum of <see cref="Chain"/>'s bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>True when the chain passes through a cycle (recursion), counted <see cref="RecursionDepth"/> times.</summary>
    public bool Recursive { get; }

    public int RecursionDepth { get; }

    public override string ToString() => $"{TotalBytes} B over {Chain.Length} methods{(Recursive ? $" (recursive, depth {RecursionDepth})" : "")}";
}
