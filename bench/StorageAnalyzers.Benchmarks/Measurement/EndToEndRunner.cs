using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StorageAnalyzers.Benchmarks.Corpora;

namespace StorageAnalyzers.Benchmarks.Measurement;

/// <summary>
/// <c>classify</c> and <c>simulate</c> end to end: the CLI's own entry point run in-process on a folder of the
/// corpus's files (read, parse, compile, report compile errors, classify or simulate, write JSON), against reading,
/// parsing and binding the same folder with no classification (the floor); process start measured on its own.
/// </summary>
internal static class EndToEndRunner
{
    public const string Floor = "read + parse + GetDiagnostics";
    public const string Classify = "classify --format json (in-process)";
    public const string Simulate = "simulate --format json (in-process)";

    /// <summary>Runs <paramref name="rounds"/> rounds of the floor, classify and simulate, in an order rotated by one each
    /// round so that none always runs first; returns the series in that order.</summary>
    public static List<Series> Run(Corpus corpus, int rounds, Action<string> progress)
    {
        var folder = Directory.CreateTempSubdirectory("storage-bench-");
        try
        {
            foreach (var tree in corpus.Trees)
            {
                var path = Path.Combine(folder.FullName, Path.GetFileName(tree.FilePath));
                File.WriteAllText(path, tree.GetText().ToString());
            }
            var series = new List<Series> { new(Floor), new(Classify), new(Simulate) };
            Func<string, Sample>[] measures = [MeasureFloor, f => MeasureCli("classify", f), f => MeasureCli("simulate", f)];
            for (int round = 0; round < rounds; round++)
            {
                for (int k = 0; k < series.Count; k++)
                {
                    int index = (k + round) % series.Count;
                    series[index].Samples.Add(measures[index](folder.FullName));
                }
                progress($"  end to end {corpus.Name} round {round + 1}/{rounds}: " +
                    string.Join(", ", series.Select(s => $"{s.Configuration} {s.Samples[^1].Milliseconds:F0} ms")));
            }
            return series;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Sample MeasureCli(string command, string folder)
    {
        BuildRunner.Settle();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        int exit = Cli.Program.Run([command, folder, "--format", "json"], TextWriter.Null, TextWriter.Null);
        clock.Stop();
        if (exit != 0) throw new InvalidOperationException($"{command} exited with {exit}");
        return new Sample(clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, 0, 0,
            new Dictionary<string, double>());
    }

    /// <summary>What the CLI does for a folder before classifying or simulating: the same options, references and implicit usings.</summary>
    private static Sample MeasureFloor(string folder)
    {
        BuildRunner.Settle();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: ["RELEASE", "TRACE", "NET"]);
        var trees = Directory.EnumerateFiles(folder, "*.cs").Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.OpenRead(path), encoding: null, SourceHashAlgorithm.Sha256), parseOptions, path))
            .ToImmutableArray()
            .Add(CSharpSyntaxTree.ParseText(SourceCorpus.ImplicitUsings, parseOptions));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
            allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("floor", trees, Cli.Loading.ReferenceAssemblies.All, options);
        int errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        clock.Stop();
        return new Sample(clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, errors, 0,
            new Dictionary<string, double>());
    }

    /// <summary>Median wall time of starting the CLI process and letting it print its help (runtime start, no Roslyn work).</summary>
    public static double? ProcessStartMs(int runs)
    {
        // The CLI is built beside the benchmark, in the same configuration (bin/<configuration>/net10.0/).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";
        var cli = Path.Combine(Paths.Repository, "src", "StorageAnalyzers.Cli", "bin", configuration, "net10.0", "storage-analyzers.dll");
        if (!File.Exists(cli)) return null;
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var start = new ProcessStartInfo("dotnet", [cli, "--help"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Remove("DOTNET_DiagnosticPorts"); // under a profiler the child would wait to be resumed
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Series.Median(times);
    }
}
