using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// Base of the stackalloc rules: stackalloc has no IOperation, so each rule looks for the two stackalloc forms in the
/// syntax of a file it is given with its semantic model, after a text search has found the keyword (most files have
/// none; a syntax-node action instead would have the driver dispatch every node of every file). The size, bound and
/// loop facts come from Core.
/// </summary>
public abstract class StackallocAnalyzer : StorageAnalyzer
{
    protected abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSemanticModelAction(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            if (!TextSearch.Contains(tree.GetText(c.CancellationToken), "stackalloc")) return;
            var root = tree.GetRoot(c.CancellationToken);
            foreach (var node in root.DescendantNodes(c.FilterSpan ?? root.FullSpan))
            {
                if (!node.IsKind(SyntaxKind.StackAllocArrayCreationExpression) && !node.IsKind(SyntaxKind.ImplicitStackAllocArrayCreationExpression))
                    continue;
                var site = model.DescribeStackalloc(c.SemanticModel, node, c.CancellationToken);
                if (Check(site, c.Options, tree) is { } diagnostic) c.ReportDiagnostic(diagnostic);
            }
        });

    /// <summary>The diagnostic for this stackalloc, or null when the rule has nothing to say.</summary>
    protected abstract Diagnostic? Check(AllocationSite site, AnalyzerOptions options, SyntaxTree tree);
}
