using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// The estimated stack frame of one function (method, constructor, accessor, local function, lambda, top-level
/// <c>&lt;Main&gt;$</c>): what one call of it adds to its thread's stack. See <see cref="FrameEstimator"/> for the model.
/// </summary>
public sealed class FrameEstimate
{
    public FrameEstimate(IMethodSymbol method, long bytes, long localsBytes, long parametersBytes, long stackallocBytes,
        bool hasStackalloc, bool hasUnboundedStackalloc, ImmutableArray<(string Name, long Bytes)> largestItems)
    {
        Method = method;
        Bytes = bytes;
        LocalsBytes = localsBytes;
        ParametersBytes = parametersBytes;
        StackallocBytes = stackallocBytes;
        HasStackalloc = hasStackalloc;
        HasUnboundedStackalloc = hasUnboundedStackalloc;
        LargestItems = largestItems;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The whole frame: the parts below plus the fixed per-call overhead, rounded up to the stack alignment.</summary>
    public long Bytes { get; }

    /// <summary>Locals that stay in the frame (not hoisted into a closure or state machine), struct closures included,
    /// and collection expressions held in inline arrays on the stack.</summary>
    public long LocalsBytes { get; }

    /// <summary>By-value struct parameters too large for registers, copied to the stack.</summary>
    public long ParametersBytes { get; }

    /// <summary>Constant-size <c>stackalloc</c> buffers of the function's own body (not of nested lambdas or local functions).</summary>
    public long StackallocBytes { get; }

    public bool HasStackalloc { get; }

    /// <summary>A <c>stackalloc</c> whose size is a run-time value, or one in a loop (every iteration grows the frame
    /// until the function returns): <see cref="StackallocBytes"/> counts such a buffer at most once.</summary>
    public bool HasUnboundedStackalloc { get; }

    /// <summary>The biggest contributors, largest first: locals and parameters by name, buffers as <c>stackalloc T</c>.</summary>
    public ImmutableArray<(string Name, long Bytes)> LargestItems { get; }

    public override string ToString() =>
        $"{Method.Name}: {Bytes} B (locals {LocalsBytes}, parameters {ParametersBytes}, stackalloc {StackallocBytes}{(HasUnboundedStackalloc ? " + unbounded" : "")})";
}
