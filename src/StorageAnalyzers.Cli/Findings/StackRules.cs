using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Cli.Output;

namespace StorageAnalyzers.Cli.Findings;

/// <summary>The SD2xxx stack rules, and their diagnostics as findings placed in the input.</summary>
internal static class StackRules
{
    private const string StackRange = "SD2";

    /// <summary>Every analyzer of the package whose rules are stack rules.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(RuleIds).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .Where(a => a.SupportedDiagnostics.All(d => d.Id.StartsWith(StackRange, StringComparison.Ordinal)))
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticDescriptor> Rules { get; } =
        Analyzers.SelectMany(a => a.SupportedDiagnostics).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>True for a diagnostic of one of these rules.</summary>
    public static bool Reports(Diagnostic diagnostic) => RuleIds.Contains(diagnostic.Id);

    private static readonly HashSet<string> RuleIds = [.. Rules.Select(rule => rule.Id)];

    /// <summary>
    /// The findings in the input's own files, ordered by file, line and column, each once; the rules run in
    /// <see cref="ClassificationPass"/>, on the bound input, as a build runs them: the project's .editorconfig, .globalconfig
    /// and MSBuild properties decide limits and severities, and a rule turned off reports nothing.
    /// </summary>
    public static List<Finding> Findings(LoadedInput input, IEnumerable<(LoadedCompilation Unit, Diagnostic Diagnostic)> diagnostics)
    {
        var findings = new List<Finding>();
        foreach (var (unit, diagnostic) in diagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree || !unit.UserTrees.Contains(tree)) continue;
            var start = Position.Of(diagnostic.Location);
            var end = diagnostic.Location.GetLineSpan().EndLinePosition;
            findings.Add(new Finding(input.RelativePath(tree.FilePath), start.Line, start.Column, end.Line + 1, end.Character + 1, diagnostic));
        }
        return findings
            .DistinctBy(f => f.ToString()) // a multi-targeted project reports each finding once per target
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Diagnostic.Id, StringComparer.Ordinal)
            .ToList();
    }
}
