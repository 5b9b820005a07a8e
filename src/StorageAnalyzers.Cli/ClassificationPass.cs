using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Cli.Findings;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli;

/// <summary>
/// Everything <c>classify</c> asks of the input from one binding (<see cref="SharedBinding"/>): the classification of
/// the user's trees, the stack rules' findings and the compiler's diagnostics.
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

            var diagnostics = SharedBinding.Run(unit.Compilation, analyzers.ToImmutable(), unit.AnalyzerOptions);
            files.AddRange(classifier.Files);
            foreach (var diagnostic in diagnostics)
            {
                if (StackRules.Reports(diagnostic)) findings.Add((unit, diagnostic));
                else compilerDiagnostics.Add(diagnostic);
            }
        }
        return new Result(files.ToImmutable(), StackRules.Findings(input, findings), compilerDiagnostics.ToImmutable());
    }

    /// <summary>Classifies each user tree with the driver's semantic model.</summary>
    private sealed class TreeClassifier(ImmutableArray<SyntaxTree> userTrees, int pointerSize) : SharedBinding.ModelAnalyzer
    {
        private readonly HashSet<SyntaxTree> _userTrees = [.. userTrees];
        private readonly ConcurrentBag<FileStorage> _files = [];

        public IEnumerable<FileStorage> Files => _files;

        protected override void Gather(SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (_userTrees.Contains(semanticModel.SyntaxTree))
                _files.Add(StorageModel.For(semanticModel.Compilation, pointerSize).Classify(semanticModel, cancellationToken));
        }
    }
}
