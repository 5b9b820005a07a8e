using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3006: enumerator allocation. foreach over a sequence typed as an interface gets its enumerator through the interface: a heap object, even when the collection's own enumerator is a struct.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3006EnumeratorAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.Enumerator,
        "Enumerator allocation",
        "foreach over a sequence typed as an interface gets its enumerator through the interface: a heap object, even when the collection's own enumerator is a struct.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.Enumerator;

    protected override AllocationKind? OnlyKind => AllocationKind.Enumerator;

    protected override string Describe(AllocationSite site) => $"an enumerator ({site.TypeName})";
}
