using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD2006: <c>new Thread(start, maxStackSize)</c> whose start code has a worst call chain estimated deeper than
/// that stack. The chain follows the compilation's call graph (calls outside it cost a fixed frame each); recursion
/// counts each cycle once and says so. Whole-program: reported at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2006ThreadStackBudgetAnalyzer : WholeProgramAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.ThreadStackBudget,
        title: "Thread stack too small for the code it runs",
        messageFormat: "This thread gets a {0}-byte stack but '{1}' needs an estimated {2} bytes on its deepest call chain{3}: {4}",
        RuleCategories.Stack,
        DiagnosticSeverity.Warning,
        description: "A thread started with an explicit maxStackSize must fit the deepest call chain reachable from its start method; a stack overflow ends the process.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void Analyze(CompilationAnalysisContext c, StackAnalysis stack)
    {
        foreach (var start in stack.GetCallGraph(c.CancellationToken).ThreadStarts)
        {
            if (start.Start is null || start.MaxStackSize is not > 0 || !start.Location.IsInSource) continue;
            var chain = stack.WorstCaseStack(start.Start, recursionDepth: 1, c.CancellationToken);
            if (chain.TotalBytes <= start.MaxStackSize.Value) continue;
            var path = string.Join(" -> ", chain.Chain.Select(link => $"{FunctionNames.Of(link.Method)} {link.FrameBytes} B"));
            c.ReportDiagnostic(Diagnostic.Create(Rule, start.Location, start.MaxStackSize.Value, FunctionNames.Of(start.Start),
                chain.TotalBytes, chain.Recursive ? " (recursive: one level counted, every further level adds more)" : "", path));
        }
    }
}
