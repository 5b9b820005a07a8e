using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Tests.Conventions;

/// <summary>An <see cref="AnalysisContext"/> that records what <c>Initialize</c> configures and ignores the actions.</summary>
internal sealed class RecordingAnalysisContext : AnalysisContext
{
    public bool ConcurrentExecutionEnabled { get; private set; }

    public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

    public override void EnableConcurrentExecution() => ConcurrentExecutionEnabled = true;

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCode = analysisMode;

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) { }

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) { }

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) { }

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) { }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) { }

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) { }

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) { }

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) { }
}
