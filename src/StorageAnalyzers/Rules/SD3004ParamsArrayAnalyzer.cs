using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3004: params array allocation. Each call to a params T[] method with arguments allocates the array (an empty call uses Array.Empty<T>; params spans do not allocate).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3004ParamsArrayAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.ParamsArray,
        "Params array allocation",
        "Each call to a params T[] method with arguments allocates the array (an empty call uses Array.Empty<T>; params spans do not allocate).");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.ParamsArray;

    protected override AllocationKind? OnlyKind => AllocationKind.ParamsArray;

    protected override string Describe(AllocationSite site) => $"a params array {site.TypeName}";
}
