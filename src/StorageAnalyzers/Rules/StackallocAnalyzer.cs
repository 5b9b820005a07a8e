using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// Base of the stackalloc rules: a syntax-node action on the two stackalloc forms (stackalloc has no IOperation),
/// so files without stackalloc cost nothing; the size, bound and loop facts come from Core.
/// </summary>
public abstract class StackallocAnalyzer : StorageAnalyzer
{
    protected abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSyntaxNodeAction(c =>
        {
            var site = model.DescribeStackalloc(c.SemanticModel, c.Node, c.CancellationToken);
            if (Check(site, c.Options, c.Node.SyntaxTree) is { } diagnostic) c.ReportDiagnostic(diagnostic);
        }, SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression);

    /// <summary>The diagnostic for this stackalloc, or null when the rule has nothing to say.</summary>
    protected abstract Diagnostic? Check(AllocationSite site, AnalyzerOptions options, SyntaxTree tree);
}
