using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// The stack side of a <see cref="StorageModel"/>: frame estimates per function and worst-case stacks over the
/// compilation's <see cref="CallGraph"/>. One instance per storage model (so per compilation and pointer size),
/// shared by every caller; thread-safe.
/// </summary>
public sealed class StackAnalysis
{
    private static readonly ConditionalWeakTable<StorageModel, StackAnalysis> Analyses = new();

    private readonly FrameEstimator _frames;

    private StackAnalysis(StorageModel model)
    {
        Model = model;
        _frames = new FrameEstimator(model);
    }

    public static StackAnalysis For(StorageModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        return Analyses.GetValue(model, m => new StackAnalysis(m));
    }

    public StorageModel Model { get; }

    /// <summary>
    /// Records what the whole-program questions need from one tree (its frame parts and calls) while
    /// the caller holds its bound semantic model; the call graph and frames asked for later then bind nothing again.
    /// An analyzer calls this from a semantic-model action and asks its questions at compilation end.
    /// </summary>
    public void Collect(SemanticModel semanticModel, CancellationToken cancellationToken = default)
    {
        if (semanticModel is null) throw new ArgumentNullException(nameof(semanticModel));
        _frames.Prepare(semanticModel, cancellationToken);
        CallGraphCollector.For(Model.Compilation).Add(semanticModel, cancellationToken);
    }

    /// <summary>The compilation's call graph, built on first use.</summary>
    public CallGraph GetCallGraph(CancellationToken cancellationToken = default) => CallGraph.For(Model.Compilation, cancellationToken);

    /// <summary>The estimated frame of one function (see <see cref="FrameEstimator"/>), cached.</summary>
    public FrameEstimate Frame(IMethodSymbol method, CancellationToken cancellationToken = default)
    {
        if (method is null) throw new ArgumentNullException(nameof(method));
        return _frames.Estimate(method, cancellationToken);
    }

    /// <summary>The deepest stack a call of <paramref name="entry"/> can need, with these frame estimates
    /// (see <see cref="CallGraph.WorstCaseStack"/>).</summary>
    public StackChain WorstCaseStack(IMethodSymbol entry, int recursionDepth, CancellationToken cancellationToken = default) =>
        GetCallGraph(cancellationToken).WorstCaseStack(entry, method => Frame(method, cancellationToken).Bytes, recursionDepth);
}
