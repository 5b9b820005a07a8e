using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD3011: a LINQ-to-objects call (System.Linq.Enumerable), or a query expression, inside code marked [HotPath] or
/// [PerformanceSensitive]. Deferred operators allocate an iterator object per call, materialising ones a new
/// collection, and the others an enumerator over their source; lambdas add delegates and closures. Only hot paths:
/// elsewhere LINQ's allocations are a fair price, and reporting them all buries what matters.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3011LinqOnHotPathAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.LinqOnHotPath,
        title: "LINQ on a hot path",
        messageFormat: "{0} on a hot path allocates {1} on every call",
        RuleCategories.Heap,
        DiagnosticSeverity.Warning,
        description: "LINQ-to-objects operators allocate an iterator or result object per call (plus delegates and closures for capturing lambdas); in code marked [HotPath] or [PerformanceSensitive] a loop over the data usually does the same work without allocating.");

    /// <summary>Operators that return a shared or the same instance: nothing to report.</summary>
    private static readonly HashSet<string> NonAllocating = new() { "Empty", "AsEnumerable", "TryGetNonEnumeratedCount" };

    /// <summary>Operators that copy their source into a new collection.</summary>
    private static readonly HashSet<string> Materialising = new() { "ToArray", "ToList", "ToDictionary", "ToHashSet", "ToLookup" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model)
    {
        if (context.Compilation.GetTypeByMetadataName("System.Linq.Enumerable") is not { } enumerable) return;
        // Only files with a hot-path attribute can have a finding: they are found by text and syntax, unbound.
        context.RegisterSemanticModelAction(c =>
        {
            var root = c.SemanticModel.SyntaxTree.GetRoot(c.CancellationToken);
            if (!HotPaths.AnyIn(root)) return;
            foreach (var node in root.DescendantNodes(c.FilterSpan ?? root.FullSpan))
            {
                if (node is InvocationExpressionSyntax invocation && HotPaths.Contains(invocation))
                    ReportLinqCall(c, invocation, enumerable);
                else if (node is QueryExpressionSyntax query && HotPaths.Contains(query))
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, query.FromClause.FromKeyword.GetLocation(), "A query expression",
                        "an iterator object per clause and a delegate per lambda"));
            }
        });
    }

    private static void ReportLinqCall(SemanticModelAnalysisContext c, InvocationExpressionSyntax invocation, INamedTypeSymbol enumerable)
    {
        if (c.SemanticModel.GetSymbolInfo(invocation, c.CancellationToken).Symbol is not IMethodSymbol method
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, enumerable) || NonAllocating.Contains(method.Name)) return;
        var what = Materialising.Contains(method.Name) ? "a new collection"
            : method.ReturnType.TypeKind == TypeKind.Interface && method.ReturnType.SpecialType != SpecialType.None
              || method.ReturnType.Name is "IEnumerable" or "IOrderedEnumerable" ? "an iterator object"
            : "an enumerator over its source (unless the source is an array or a list)";
        var location = invocation.Expression is MemberAccessExpressionSyntax access ? access.Name.GetLocation() : invocation.GetLocation();
        c.ReportDiagnostic(Diagnostic.Create(Descriptor, location, "Enumerable." + method.Name, what));
    }
}
