using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD3007: async state machine allocation. An async method whose locals live across an await keeps them in its state machine, which is boxed on the heap when the method first suspends (Release) or allocated at each call (Debug).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3007AsyncStateMachineAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Create(
        RuleIds.AsyncStateMachine,
        "Async state machine allocation",
        "An async method whose locals live across an await keeps them in its state machine, which is boxed on the heap when the method first suspends (Release) or allocated at each call (Debug).");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => site.Kind == AllocationKind.StateMachine;

    protected override AllocationKind? OnlyKind => AllocationKind.StateMachine;

    protected override string Describe(AllocationSite site) => "the async state machine";
}
