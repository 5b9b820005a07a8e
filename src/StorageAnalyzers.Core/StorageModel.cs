using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Core.Classification;

namespace StorageAnalyzers.Core;

/// <summary>
/// The storage model of one compilation: the single place that answers "where do these bytes live, how many, why".
/// Analyzers, the CLI and the simulator ask it; it classifies each syntax tree once and caches the answer.
/// </summary>
public sealed class StorageModel
{
    private static readonly ConditionalWeakTable<Compilation, StorageModel> Models64 = new();
    private static readonly ConditionalWeakTable<Compilation, StorageModel> Models32 = new();

    private readonly ConcurrentDictionary<SyntaxTree, FileStorage> _files = new();

    private StorageModel(Compilation compilation, int pointerSize)
    {
        Compilation = compilation;
        Layout = new TypeLayout(pointerSize);
        Symbols = new WellKnownSymbols(compilation);
    }

    /// <summary>The model for a compilation and a pointer size (8 for 64-bit, 4 for 32-bit), shared by every caller.</summary>
    public static StorageModel For(Compilation compilation, int pointerSize = 8)
    {
        if (compilation is null) throw new ArgumentNullException(nameof(compilation));
        var table = pointerSize switch
        {
            8 => Models64,
            4 => Models32,
            _ => throw new ArgumentOutOfRangeException(nameof(pointerSize), pointerSize, "The pointer size is 8 or 4 bytes."),
        };
        return table.GetValue(compilation, c => new StorageModel(c, pointerSize));
    }

    public Compilation Compilation { get; }
    public TypeLayout Layout { get; }
    internal WellKnownSymbols Symbols { get; }

    /// <summary>Debug builds hoist every async/iterator local; Release only those live across a suspension.</summary>
    public bool IsDebug => Compilation.Options.OptimizationLevel == OptimizationLevel.Debug;

    public FileStorage Classify(SyntaxTree tree, CancellationToken cancellationToken = default) =>
        Classify(Compilation.GetSemanticModel(tree), cancellationToken);

    /// <summary>
    /// The allocation site of one <c>stackalloc</c> expression (explicit or implicit form), without classifying the
    /// whole file: what the stack rules need on every keystroke.
    /// </summary>
    public AllocationSite DescribeStackalloc(SemanticModel semanticModel, SyntaxNode expression, CancellationToken cancellationToken = default) =>
        StackallocMeasure.Site(this, semanticModel, expression, cancellationToken);

    /// <summary>
    /// What the stack frames of the tree hold: its locals and its stackalloc and collection-expression sites, classified
    /// as <see cref="Classify(SemanticModel, CancellationToken)"/> does. That classification when it is made already,
    /// else a pass that skips everything else (parameters, fields, the other allocation sites); not cached here (the
    /// frame estimator keeps what it needs).
    /// </summary>
    internal FileStorage ClassifyFrames(SemanticModel semanticModel, CancellationToken cancellationToken = default) =>
        _files.TryGetValue(semanticModel.SyntaxTree, out var cached)
            ? cached
            : new FileClassifier(this, semanticModel, cancellationToken, framesOnly: true).Run();

    /// <summary>Classifies the tree of <paramref name="semanticModel"/> (reusing the caller's binding work).</summary>
    public FileStorage Classify(SemanticModel semanticModel, CancellationToken cancellationToken = default)
    {
        if (_files.TryGetValue(semanticModel.SyntaxTree, out var cached)) return cached;
        var result = new FileClassifier(this, semanticModel, cancellationToken).Run();
        return _files.GetOrAdd(semanticModel.SyntaxTree, result);
    }
}
