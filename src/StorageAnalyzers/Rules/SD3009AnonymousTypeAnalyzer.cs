using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3009: anonymous type allocation. Anonymous types are classes: each new { ... } is a heap object.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3009AnonymousTypeAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.AnonymousType,
        "Anonymous type allocation",
        "Anonymous types are classes: each new { ... } is a heap object.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.AnonymousType;

    protected override AllocationKind? OnlyKind => AllocationKind.AnonymousType;

    protected override string Describe(AllocationSite site) => "an anonymous-type object";
}
