using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD3011: a LINQ-to-objects call (System.Linq.Enumerable) inside code marked [HotPath] or [PerformanceSensitive].
/// Each call allocates an iterator or result object, and usually delegates and closures for its lambdas. Only hot
/// paths: everywhere else LINQ's allocations are a fair price, and reporting them all buries what matters.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3011LinqOnHotPathAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.LinqOnHotPath,
        title: "LINQ on a hot path",
        messageFormat: "Enumerable.{0} on a hot path allocates {1} on every call",
        RuleCategories.Heap,
        DiagnosticSeverity.Warning,
        description: "LINQ-to-objects operators allocate an iterator or result object per call (plus delegates and closures for capturing lambdas); in code marked [HotPath] or [PerformanceSensitive] a loop over the data usually does the same work without allocating.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model)
    {
        if (context.Compilation.GetTypeByMetadataName("System.Linq.Enumerable") is not { } enumerable) return;
        context.RegisterSyntaxNodeAction(c =>
        {
            var invocation = (InvocationExpressionSyntax)c.Node;
            if (!HotPaths.Contains(invocation)) return; // syntax first: most code is not hot, and this needs no binding
            if (c.SemanticModel.GetSymbolInfo(invocation, c.CancellationToken).Symbol is not IMethodSymbol method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, enumerable)) return;
            var result = method.ReturnType;
            var what = result.TypeKind == TypeKind.Interface ? "an iterator object"
                : result.IsReferenceType ? $"a new {result.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}"
                : "an enumerator over its source (unless the source is an array or a list)";
            var location = invocation.Expression is MemberAccessExpressionSyntax access ? access.Name.GetLocation() : invocation.GetLocation();
            c.ReportDiagnostic(Diagnostic.Create(Descriptor, location, method.Name, what));
        }, SyntaxKind.InvocationExpression);
    }
}
