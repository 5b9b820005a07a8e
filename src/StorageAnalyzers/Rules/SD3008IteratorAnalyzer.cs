using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3008: iterator allocation. Each call of an iterator method allocates the iterator object that holds its parameters and hoisted locals.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3008IteratorAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.Iterator,
        "Iterator allocation",
        "Each call of an iterator method allocates the iterator object that holds its parameters and hoisted locals.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.Iterator;

    protected override AllocationKind? OnlyKind => AllocationKind.Iterator;

    protected override string Describe(AllocationSite site) => "the iterator object";
}
