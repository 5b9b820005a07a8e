using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD2007: an entry point whose worst call chain, as <c>storage-analyzers simulate</c> finds it, needs more stack than
/// the thread it runs on has: <c>Main</c> or the top-level statements against <c>storage_analyzers.stack_limit</c>; a
/// thread started without a size (<c>new Thread(start)</c>, <c>Task.Run</c>, <c>ThreadPool.QueueUserWorkItem</c>)
/// against .NET's default. Threads with a constant <c>maxStackSize</c> are SD2006's. Whole-program: reported at
/// compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2007EntryStackBudgetAnalyzer : WholeProgramAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.EntryStackBudget,
        title: "Entry point needs more stack than its thread has",
        messageFormat: "'{0}' runs on {1} with a {2}-byte stack but needs an estimated {3} bytes on its deepest call chain{4}: {5}",
        RuleCategories.Stack,
        DiagnosticSeverity.Warning,
        description: "The deepest call chain from Main, the top-level statements or a thread started without a size must fit that thread's stack; a stack overflow ends the process.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void Analyze(CompilationAnalysisContext c, StackAnalysis stack)
    {
        var entries = MemorySimulator.DefaultEntries(c.Compilation, c.CancellationToken);
        var mainTree = entries.SelectMany(e => e.Locations).FirstOrDefault(l => l.IsInSource)?.SourceTree;
        long mainLimit = Settings.StackLimit.Read(c.Options.AnalyzerConfigOptionsProvider, mainTree, RuleIds.EntryStackBudget);
        foreach (var thread in ThreadStacks.Find(stack, entries, mainLimit, SimulationDefaults.RecursionDepth, cancellationToken: c.CancellationToken))
        {
            if (thread.Fits || thread.LimitSource is StackLimitSource.MaxStackSize or StackLimitSource.NotConstant) continue;
            var location = thread.Start?.Location ?? EntryLocation(thread.Entry);
            if (location is null || !location.IsInSource) continue;
            var chain = thread.WorstCase;
            var path = string.Join(" -> ", chain.Chain.Select(link => $"{FunctionNames.Of(link.Method)} {link.FrameBytes} B"));
            var recursion = chain.Recursive
                ? $" (recursive through {FunctionNames.Chain(thread.Cycle.Concat(new[] { thread.Cycle[0] }))}: counted {chain.RecursionDepth} rounds, each further round adds more)"
                : "";
            c.ReportDiagnostic(Diagnostic.Create(Rule, location, FunctionNames.Of(thread.Entry), Describe(thread), thread.LimitBytes,
                chain.TotalBytes, recursion, path));
        }
    }

    /// <summary>Main's name, or the first of the top-level statements (their entry point is the whole file).</summary>
    private static Location? EntryLocation(IMethodSymbol entry)
    {
        if (entry.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is CompilationUnitSyntax unit)
            return unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault()?.GetLocation();
        return FunctionNames.LocationOf(entry);
    }

    private static string Describe(ThreadStack thread) => thread.Kind switch
    {
        ThreadKind.Main => "the main thread",
        ThreadKind.ThreadPool => "a thread-pool thread (the default stack)",
        _ => "a thread started without a size (the default stack)",
    };
}
