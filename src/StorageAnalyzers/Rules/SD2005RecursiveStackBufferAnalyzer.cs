using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD2005: a function that calls itself, directly or through a cycle of calls in the compilation, while its frame
/// holds a stackalloc or takes more than SD2004's share of the stack limit. Whole-program: reported at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2005RecursiveStackBufferAnalyzer : WholeProgramAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.RecursiveStackBuffer,
        title: "Recursion with stack buffers or a large frame",
        messageFormat: "'{0}' is recursive ({1}) and each call takes an estimated {2} bytes of stack{3}: the depth of the recursion decides whether the thread's stack overflows",
        RuleCategories.Stack,
        DiagnosticSeverity.Warning,
        description: "Each level of recursion adds a whole frame; with a stackalloc or a large frame a modest depth exhausts the stack, and a stack overflow ends the process.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void Analyze(CompilationAnalysisContext c, StackAnalysis stack)
    {
        var graph = stack.GetCallGraph(c.CancellationToken);
        var provider = c.Options.AnalyzerConfigOptionsProvider;
        foreach (var component in graph.StronglyConnectedComponents)
        {
            foreach (var method in component)
            {
                if (!graph.IsRecursive(method) || FunctionNames.LocationOf(method) is not { } location) continue;
                var frame = stack.Frame(method, c.CancellationToken);
                long limit = Settings.StackLimit.Read(provider, location.SourceTree, RuleIds.RecursiveStackBuffer);
                double share = Settings.FrameShare.Read(provider, location.SourceTree, RuleIds.LargeFrame);
                bool large = frame.Bytes > limit * share;
                if (!frame.HasStackalloc && !large) continue;
                var cycle = graph.CycleOf(method);
                var path = cycle.Length <= 1 ? "it calls itself" : "through " + FunctionNames.Chain(cycle.Concat(new[] { cycle[0] }));
                var buffers = frame.HasStackalloc
                    ? frame.HasUnboundedStackalloc ? ", including a stackalloc of unbounded size" : $", including {frame.StackallocBytes} bytes of stackalloc"
                    : "";
                c.ReportDiagnostic(Diagnostic.Create(Rule, location, FunctionNames.Of(method), path, frame.Bytes, buffers));
            }
        }
    }
}
