using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core.Tests.GroundTruth;
using StorageAnalyzers.Rules;

namespace StorageAnalyzers.Tests;

/// <summary>
/// The heap rules against the compiler: over every ground-truth snippet in Release and Debug, each rule fires on a
/// line exactly when the IL allocates its kind there (box; display class; non-cached delegate; iterator; anonymous
/// object; in Debug the async state machine class), counting only diagnostics for allocations the IL shows
/// (certainty "emitted": runtime-only boxing and string building have no opcode at the site). Params arrays share
/// newarr with explicit arrays, so SD3004 is checked one way: every report has a newarr on its line. Two kinds of IL
/// allocation are left out on purpose, as the rules leave them out: the type initializer's (once per type, not a cost
/// per call) and the boxes the optimizing JIT never materialises (Enum.HasFlag, a struct's GetType()), which the
/// classifier marks ElidedByJit.
/// </summary>
public class HeapRulesGroundTruthTests
{
    private static readonly (DiagnosticAnalyzer Analyzer, Func<IlAllocation, bool> Matches)[] Rules =
    {
        (new SD3001BoxingAnalyzer(), a => a.Kind == IlAllocationKind.Boxing),
        (new SD3002ClosureAnalyzer(), a => a.Kind == IlAllocationKind.Closure),
        (new SD3003DelegateAnalyzer(), a => a.Kind == IlAllocationKind.Delegate && !a.Cached),
        (new SD3008IteratorAnalyzer(), a => a.Kind == IlAllocationKind.Iterator),
        (new SD3009AnonymousTypeAnalyzer(), a => a.Kind == IlAllocationKind.Object && a.TypeName.StartsWith("<>f__AnonymousType", StringComparison.Ordinal)),
    };

    public static IEnumerable<object[]> Cases() =>
        from name in Snippets.All.Keys
        from level in new[] { OptimizationLevel.Release, OptimizationLevel.Debug }
        select new object[] { name, level };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Heap_rules_fire_exactly_where_the_il_allocates(string snippet, OptimizationLevel level)
    {
        var facts = IlGroundTruth.Compile(Snippets.All[snippet], level);
        var analyzers = Rules.Select(r => r.Analyzer).Append(new SD3004ParamsArrayAnalyzer()).Append(new SD3007AsyncStateMachineAnalyzer())
            .ToImmutableArray();
        var diagnostics = await facts.Compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        var emitted = diagnostics.Where(d => d.Properties.TryGetValue("certainty", out var c) && c == "emitted").ToList();

        var storage = StorageAnalyzers.Core.StorageModel.For(facts.Compilation).Classify(facts.Compilation.SyntaxTrees.Single());
        var elided = storage.Allocations.Where(a => a.ElidedByJit).Select(a => IlGroundTruth.SequencePointLine(a.Location, createsDelegate: false)).ToList();
        var perCall = facts.Allocations.Where(a => a.Method != ".cctor").ToList();
        foreach (var line in elided)
            perCall.Remove(perCall.First(a => a.Kind == IlAllocationKind.Boxing && a.Line == line));

        var problems = new List<string>();
        var rules = Rules.ToList();
        if (level == OptimizationLevel.Debug)
            rules.Add((new SD3007AsyncStateMachineAnalyzer(), a => a.Kind == IlAllocationKind.StateMachine));
        foreach (var (analyzer, matches) in rules)
        {
            var id = analyzer.SupportedDiagnostics[0].Id;
            var reported = emitted.Where(d => d.Id == id).Select(d => LineOf(d, id)).OrderBy(l => l).ToList();
            var allocated = perCall.Where(matches).Select(a => a.Line).OrderBy(l => l).ToList();
            if (!reported.SequenceEqual(allocated))
                problems.Add($"{id}: reported on lines [{string.Join(", ", reported)}], IL allocates on [{string.Join(", ", allocated)}]");
        }
        var arrayLines = facts.Allocations.Where(a => a.Kind == IlAllocationKind.Array).Select(a => a.Line).ToHashSet();
        foreach (var params_ in emitted.Where(d => d.Id == RuleIds.ParamsArray))
            if (!arrayLines.Contains(LineOf(params_, RuleIds.ParamsArray)))
                problems.Add($"SD3004 on line {LineOf(params_, RuleIds.ParamsArray)} but no newarr there");

        Assert.True(problems.Count == 0, $"{snippet} ({level}):\n{string.Join("\n", problems)}\n{facts}");
    }

    private static int LineOf(Diagnostic diagnostic, string id) =>
        IlGroundTruth.SequencePointLine(diagnostic.Location, createsDelegate: id == RuleIds.Delegate);
}
