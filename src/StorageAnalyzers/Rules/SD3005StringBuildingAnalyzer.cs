using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3005: string building. String concatenation and interpolation build a new string each time they run.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3005StringBuildingAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.StringBuilding,
        "String building",
        "String concatenation and interpolation build a new string each time they run.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.String;

    protected override AllocationKind? OnlyKind => AllocationKind.String;

    protected override string Describe(AllocationSite site) => "a new string";
}
