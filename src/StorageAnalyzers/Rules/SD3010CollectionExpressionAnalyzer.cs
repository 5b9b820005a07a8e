using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3010: collection expression allocation. A collection expression targeting an array, List<T> or an interface allocates; one targeting Span<T> uses an inline array on the stack and one of constants targeting ReadOnlySpan<T> points into the assembly image.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3010CollectionExpressionAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.CollectionExpression,
        "Collection expression allocation",
        "A collection expression targeting an array, List<T> or an interface allocates; one targeting Span<T> uses an inline array on the stack and one of constants targeting ReadOnlySpan<T> points into the assembly image.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => node.IsKind(SyntaxKind.CollectionExpression);

    protected override string Describe(AllocationSite site) => $"the collection expression ({site.TypeName})";
}
