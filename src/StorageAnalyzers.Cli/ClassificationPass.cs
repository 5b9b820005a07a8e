using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Cli.Findings;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli;

/// <summary>
/// Everything <c>classify</c> asks of the input from one binding: the classification of the user's trees, the stack
/// rules' findings and the compiler's diagnostics. The classifier and the rules run as analyzers: when analyzers run,
/// the compiler hands each method body it binds for its own diagnostics to the analyzers' semantic models, so they
/// bind nothing a second time (a classification beside <c>Compilation.GetDiagnostics()</c> binds every body twice).
/// </summary>
internal static class ClassificationPass
{
    /// <param name="Files">The classified user trees, in no particular order (empty when not asked for).</param>
    /// <param name="Findings">The stack rules' findings in the user's trees (empty when not asked for).</param>
    /// <param name="CompilerDiagnostics">The compiler's diagnostics of every unit.</param>
    public sealed record Result(ImmutableArray<FileStorage> Files, List<Finding> Findings, ImmutableArray<Diagnostic> CompilerDiagnostics);

    /// <param name="classify">Classify the user's trees (with <paramref name="pointerSize"/>).</param>
    /// <param name="stackRules">Run the stack rules, with each unit's own analyzer options (its .editorconfig).</param>
    public static Result Run(LoadedInput input, int pointerSize, bool classify, bool stackRules)
    {
        var files = ImmutableArray.CreateBuilder<FileStorage>();
        var findings = new List<(LoadedCompilation, Diagnostic)>();
        var compilerDiagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var unit in input.Compilations)
        {
            var classifier = new TreeClassifier(unit.UserTrees, pointerSize);
            var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            if (classify) analyzers.Add(classifier);
            if (stackRules) analyzers.AddRange(StackRules.Analyzers);

            ExceptionDispatchInfo? failure = null;
            var options = new CompilationWithAnalyzersOptions(unit.AnalyzerOptions ?? new AnalyzerOptions([]),
                onAnalyzerException: (exception, _, _) => failure ??= ExceptionDispatchInfo.Capture(exception),
                concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = unit.Compilation.WithAnalyzers(analyzers.ToImmutable(), options).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
            // A bug of ours is a crash with its own stack trace, as it was outside the driver, not a lost file.
            failure?.Throw();

            files.AddRange(classifier.Files);
            foreach (var diagnostic in diagnostics)
            {
                if (StackRules.Reports(diagnostic)) findings.Add((unit, diagnostic));
                else compilerDiagnostics.Add(diagnostic);
            }
        }
        return new Result(files.ToImmutable(), StackRules.Findings(input, findings), compilerDiagnostics.ToImmutable());
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
            // The loader chose the user's trees: an auto-generated header on one of them does not make it any less so.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.RegisterSemanticModelAction(c =>
            {
                if (!_userTrees.Contains(c.SemanticModel.SyntaxTree)) return;
                _files.Add(StorageModel.For(c.SemanticModel.Compilation, pointerSize).Classify(c.SemanticModel, c.CancellationToken));
            });
        }
    }
}
