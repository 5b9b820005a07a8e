using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Benchmarks.Analyzers;
using StorageAnalyzers.Benchmarks.Corpora;

namespace StorageAnalyzers.Benchmarks.Measurement;

/// <summary>
/// The build path: a fresh compilation of every project of the corpus, then either GetDiagnostics (the floor) or
/// every analyzer of the configuration through CompilationWithAnalyzers, sequentially (concurrentAnalysis: false),
/// with the driver logging each analyzer's execution time.
/// </summary>
internal static class BuildRunner
{
    /// <summary>Runs <paramref name="rounds"/> rounds; each round runs every configuration once, in an order rotated by one.</summary>
    public static List<Series> Run(Corpus corpus, IReadOnlyList<Configuration> configurations, int rounds, Action<string> progress)
    {
        var series = configurations.Select(c => new Series(c.Name)).ToList();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < configurations.Count; k++)
            {
                int index = (k + round) % configurations.Count;
                var sample = Measure(corpus, configurations[index]);
                series[index].Samples.Add(sample);
                progress($"  {corpus.Name} round {round + 1}/{rounds}: {configurations[index].Name,-40} {sample.Milliseconds,9:F0} ms {sample.AllocatedBytes / 1048576.0,8:F0} MB");
            }
        }
        return series;
    }

    public static Sample Measure(Corpus corpus, Configuration configuration)
    {
        Settle();
        int diagnostics = 0, exceptions = 0;
        var analyzerTimes = new Dictionary<string, double>();
        var byRule = new Dictionary<string, int>();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        foreach (var project in corpus.Projects)
        {
            var compilation = project.Fresh(configuration.SpecificOptions);
            if (configuration.IsFloor)
            {
                _ = compilation.GetDiagnostics();
                continue;
            }
            var options = new CompilationWithAnalyzersOptions(UserCode.AnalyzerOptions,
                onAnalyzerException: (_, _, _) => Interlocked.Increment(ref exceptions),
                concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: true);
            var withAnalyzers = new CompilationWithAnalyzers(compilation, configuration.Analyzers, options);
            var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            var found = result.GetAllDiagnostics();
            diagnostics += found.Length;
            foreach (var diagnostic in found) byRule[diagnostic.Id] = byRule.GetValueOrDefault(diagnostic.Id) + 1;
            exceptions += found.Count(d => d.Id == "AD0001");
            foreach (var (analyzer, telemetry) in result.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                analyzerTimes[name] = analyzerTimes.GetValueOrDefault(name) + telemetry.ExecutionTime.TotalMilliseconds;
            }
        }
        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        double paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        return new Sample(clock.Elapsed.TotalMilliseconds, allocated, diagnostics, exceptions, analyzerTimes, paused, byRule);
    }

    /// <summary>Collects garbage left by the previous measurement so that it is not charged to this one.</summary>
    public static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
