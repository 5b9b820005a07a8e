using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers;

/// <summary>
/// Base of the rules that need the whole program (call graph, threads): one compilation action, which the compiler
/// runs once the compilation is complete (in the IDE, with full solution analysis).
/// </summary>
public abstract class WholeProgramAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(c =>
        {
            int pointerSize = Settings.PointerSize.Read(c.Options.AnalyzerConfigOptionsProvider, tree: null, ruleId: null);
            Analyze(c, StackAnalysis.For(StorageModel.For(c.Compilation, pointerSize)));
        });
    }

    protected abstract void Analyze(CompilationAnalysisContext context, StackAnalysis stack);
}
