using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Benchmarks.Analyzers;
using StorageAnalyzers.Benchmarks.Corpora;

namespace StorageAnalyzers.Benchmarks.Measurement;

/// <summary>
/// The IDE path after a keystroke: a fresh compilation, then the analysis of one document through its semantic model
/// (GetAnalysisResultAsync(semanticModel, filterSpan: null, ...)), for the largest documents of the corpus.
/// </summary>
internal static class IdeRunner
{
    public static List<Series> Run(Corpus corpus, IReadOnlyList<Configuration> configurations, int documents, int rounds, Action<string> progress)
    {
        var largest = corpus.Projects
            .SelectMany(project => project.Trees.Select(tree => (Project: project, Tree: tree)))
            .OrderByDescending(d => d.Tree.Length)
            .ThenBy(d => d.Tree.FilePath, StringComparer.Ordinal)
            .Take(documents)
            .ToList();
        var series = configurations.Select(c => new Series(c.Name)).ToList();
        for (int round = 0; round < rounds; round++)
        {
            for (int d = 0; d < largest.Count; d++)
            {
                for (int k = 0; k < configurations.Count; k++)
                {
                    int index = (k + round + d) % configurations.Count;
                    series[index].Samples.Add(Measure(largest[d].Project, largest[d].Tree, configurations[index]));
                }
            }
            progress($"  {corpus.Name} documents, round {round + 1}/{rounds}: " +
                string.Join(", ", series.Select(s => $"{s.Configuration} p90 {Series.Percentile(s.Samples.Select(x => x.Milliseconds), 0.9):F0} ms")));
        }
        return series;
    }

    private static Sample Measure(CorpusProject project, SyntaxTree tree, Configuration configuration)
    {
        BuildRunner.Settle();
        int diagnostics = 0, exceptions = 0;
        var analyzerTimes = new Dictionary<string, double>();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var compilation = project.Fresh(configuration.SpecificOptions);
        if (configuration.IsFloor)
        {
            diagnostics = compilation.GetSemanticModel(tree).GetDiagnostics().Length;
        }
        else
        {
            var options = new CompilationWithAnalyzersOptions(UserCode.AnalyzerOptions,
                onAnalyzerException: (_, _, _) => Interlocked.Increment(ref exceptions),
                concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: true);
            var withAnalyzers = new CompilationWithAnalyzers(compilation, configuration.Analyzers, options);
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);
            var result = withAnalyzers.GetAnalysisResultAsync(model, filterSpan: null, configuration.Analyzers, CancellationToken.None)
                .GetAwaiter().GetResult();
            var found = result.GetAllDiagnostics();
            diagnostics = found.Length;
            exceptions += found.Count(d => d.Id == "AD0001");
            foreach (var (analyzer, telemetry) in result.AnalyzerTelemetryInfo)
                analyzerTimes[analyzer.GetType().Name] = analyzerTimes.GetValueOrDefault(analyzer.GetType().Name) + telemetry.ExecutionTime.TotalMilliseconds;
        }
        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Sample(clock.Elapsed.TotalMilliseconds, allocated, diagnostics, exceptions, analyzerTimes);
    }
}
