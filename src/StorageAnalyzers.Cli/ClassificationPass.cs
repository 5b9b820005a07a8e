using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli;

/// <summary>
/// Classifies the user's trees and gathers the compiler's diagnostics from one binding of the input. The
/// classification runs as an analyzer: when analyzers run, the compiler hands each method body it binds for its own
/// diagnostics to the analyzers' semantic models, so the classifier's operations cost no second binding (a
/// classification beside <c>Compilation.GetDiagnostics()</c> binds every body twice).
/// </summary>
internal static class ClassificationPass
{
    public sealed record Result(ImmutableArray<FileStorage> Files, ImmutableArray<Diagnostic> Diagnostics);

    public static Result Run(LoadedInput input, int pointerSize)
    {
        var files = ImmutableArray.CreateBuilder<FileStorage>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var unit in input.Compilations)
        {
            var classifier = new TreeClassifier(unit.UserTrees, pointerSize);
            ExceptionDispatchInfo? failure = null;
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]),
                onAnalyzerException: (exception, _, _) => failure ??= ExceptionDispatchInfo.Capture(exception),
                concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            diagnostics.AddRange(unit.Compilation.WithAnalyzers([classifier], options).GetAllDiagnosticsAsync().GetAwaiter().GetResult());
            // A classifier bug is a crash with its own stack trace, as it was outside the driver, not a lost file.
            failure?.Throw();
            files.AddRange(classifier.Files);
        }
        return new Result(files.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>Classifies each user tree with the driver's semantic model once the compiler has bound the tree's
    /// methods. Reports nothing; its one rule exists because the driver skips an analyzer without enabled rules.</summary>
    // Run by the CLI itself, never loaded from an analyzer assembly: no attribute, no release tracking.
#pragma warning disable RS1001, RS2008
    private sealed class TreeClassifier(ImmutableArray<SyntaxTree> userTrees, int pointerSize) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("SDCLI", "Classification", "Classification", "Storage",
            DiagnosticSeverity.Hidden, isEnabledByDefault: true);
#pragma warning restore RS1001, RS2008

        private readonly HashSet<SyntaxTree> _userTrees = [.. userTrees];
        private readonly ConcurrentBag<FileStorage> _files = [];

        public IEnumerable<FileStorage> Files => _files;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // The user's trees are chosen by the loader (generated files in the project are not the user's, yet
            // auto-generated headers in the user's own files do not make them any less so).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.RegisterSemanticModelAction(c =>
            {
                if (!_userTrees.Contains(c.SemanticModel.SyntaxTree)) return;
                _files.Add(StorageModel.For(c.SemanticModel.Compilation, pointerSize).Classify(c.SemanticModel, c.CancellationToken));
            });
        }
    }
}
