using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3001: boxing allocation. A value type converted to object, an interface, Enum or ValueType, or a struct calling a method it does not override, is copied into a new heap object.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3001BoxingAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.Boxing,
        "Boxing allocation",
        "A value type converted to object, an interface, Enum or ValueType, or a struct calling a method it does not override, is copied into a new heap object.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.Boxing;

    protected override AllocationKind? OnlyKind => AllocationKind.Boxing;

    protected override string Describe(AllocationSite site) => $"boxing of {site.TypeName}";
}
