using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Benchmarks.Analyzers;

/// <summary>
/// The driver floor: one operation action that does nothing. Any semantic analyzer pays for what this pays (operation
/// trees for every body, the driver's bookkeeping); an analyzer that registers nothing would bind nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class NoOpAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "BENCH0001", "No-op", "No-op", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
    }
}
