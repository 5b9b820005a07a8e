using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers;

/// <summary>
/// Base of the rules that need the whole program (call graph, threads). Each tree's facts are gathered while the
/// driver has its semantic model bound; the rule itself runs once, at compilation end (in the IDE, with full solution
/// analysis), and binds nothing again.
/// </summary>
public abstract class WholeProgramAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            int pointerSize = Settings.PointerSize.Read(start.Options.AnalyzerConfigOptionsProvider, tree: null, ruleId: null);
            var stack = StackAnalysis.For(StorageModel.For(start.Compilation, pointerSize));
            start.RegisterSemanticModelAction(c => stack.Collect(c.SemanticModel, c.CancellationToken));
            start.RegisterCompilationEndAction(c => Analyze(c, stack));
        });
    }

    protected abstract void Analyze(CompilationAnalysisContext context, StackAnalysis stack);
}
