using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3003: delegate allocation. A lambda that captures variables or this, an instance method group, or a non-static local function converted to a delegate allocates a new delegate each time; non-capturing and static lambdas and (C# 11+) static method groups are cached.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3003DelegateAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.Delegate,
        "Delegate allocation",
        "A lambda that captures variables or this, an instance method group, or a non-static local function converted to a delegate allocates a new delegate each time; non-capturing and static lambdas and (C# 11+) static method groups are cached.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.Delegate;

    protected override AllocationKind? OnlyKind => AllocationKind.Delegate;

    protected override string Describe(AllocationSite site) => Article($"{site.TypeName} delegate");
}
