using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// Base of the stackalloc rules: stackalloc has no IOperation, so the rules find the two stackalloc forms through the
/// text of a file they are given with its semantic model: each occurrence of the keyword is looked up as a token (most
/// files have none; a syntax-node action instead would have the driver dispatch every node of every file). The sites
/// are described once per file (size, bound and loop facts from Core) and shared by the three rules.
/// </summary>
public abstract class StackallocAnalyzer : StorageAnalyzer
{
    private static readonly ConditionalWeakTable<StorageModel, ConcurrentDictionary<SyntaxTree, ImmutableArray<AllocationSite>>> SitesByModel = new();

    protected abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSemanticModelAction(c =>
        {
            var tree = c.SemanticModel.SyntaxTree;
            foreach (var site in Sites(model, c.SemanticModel, c.CancellationToken))
            {
                if (c.FilterSpan is { } span && !span.IntersectsWith(site.Location.SourceSpan)) continue;
                if (Check(site, c.Options, tree) is { } diagnostic) c.ReportDiagnostic(diagnostic);
            }
        });

    /// <summary>The diagnostic for this stackalloc, or null when the rule has nothing to say.</summary>
    protected abstract Diagnostic? Check(AllocationSite site, AnalyzerOptions options, SyntaxTree tree);

    /// <summary>Every stackalloc of the file, in source order, described once for all three rules.</summary>
    private static ImmutableArray<AllocationSite> Sites(StorageModel model, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var byTree = SitesByModel.GetValue(model, _ => new ConcurrentDictionary<SyntaxTree, ImmutableArray<AllocationSite>>());
        var tree = semanticModel.SyntaxTree;
        if (byTree.TryGetValue(tree, out var cached)) return cached;
        var sites = ImmutableArray<AllocationSite>.Empty;
        var positions = TextSearch.PositionsOf(tree.GetText(cancellationToken), "stackalloc");
        if (positions.Count > 0)
        {
            var root = tree.GetRoot(cancellationToken);
            var builder = ImmutableArray.CreateBuilder<AllocationSite>(positions.Count);
            foreach (int position in positions)
            {
                // The word in a comment, a string or an identifier is not the keyword's token.
                var token = root.FindToken(position);
                if (token.IsKind(SyntaxKind.StackAllocKeyword) && token.SpanStart == position && token.Parent is { } node
                    && (node.IsKind(SyntaxKind.StackAllocArrayCreationExpression) || node.IsKind(SyntaxKind.ImplicitStackAllocArrayCreationExpression)))
                    builder.Add(model.DescribeStackalloc(semanticModel, node, cancellationToken));
            }
            sites = builder.ToImmutable();
        }
        return byTree.GetOrAdd(tree, sites);
    }
}
