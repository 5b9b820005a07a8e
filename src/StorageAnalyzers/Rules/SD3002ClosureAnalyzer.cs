using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3002: closure allocation. Variables captured by a lambda (or a local function that becomes a delegate) live in a display class that is allocated when their scope is entered.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3002ClosureAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.Closure,
        "Closure allocation",
        "Variables captured by a lambda (or a local function that becomes a delegate) live in a display class that is allocated when their scope is entered.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.Closure;

    protected override AllocationKind? OnlyKind => AllocationKind.Closure;

    protected override string Describe(AllocationSite site) => "a closure";
}
