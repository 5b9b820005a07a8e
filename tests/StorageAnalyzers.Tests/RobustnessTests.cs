using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core.Tests.GroundTruth;
using StorageAnalyzers.Rules;

namespace StorageAnalyzers.Tests;

/// <summary>
/// Half-typed code is the normal state of a file in the IDE: every line-truncated prefix of every ground-truth
/// snippet and of the sample program goes through all the analyzers, which must never throw (no AD0001).
/// </summary>
public class RobustnessTests
{
    private static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new SD1001VariableStorageAnalyzer(), new SD1002AllocationSiteAnalyzer(), new SD9001InvalidConfigurationAnalyzer());

    public static IEnumerable<object[]> Sources()
    {
        foreach (var name in Snippets.All.Keys) yield return new object[] { name };
        yield return new object[] { "sample:MemoryTour" };
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Every_prefix_is_analyzed_without_exceptions(string name)
    {
        var source = name == "sample:MemoryTour" ? File.ReadAllText(SamplePath()) : Snippets.All[name];
        var lines = source.Split('\n');
        var failures = new List<string>();
        foreach (var optimization in new[] { OptimizationLevel.Release, OptimizationLevel.Debug })
        {
            for (int count = 1; count <= lines.Length; count++)
            {
                var prefix = string.Join('\n', lines.Take(count));
                var exceptions = await AnalyzeAsync(prefix, optimization);
                failures.AddRange(exceptions.Select(e => $"{optimization}, first {count} lines: {e}"));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
    }

    private static async Task<List<string>> AnalyzeAsync(string source, OptimizationLevel optimization)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Prefix.cs");
        var compilation = CSharpCompilation.Create("Prefix", new[] { tree }, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, optimizationLevel: optimization));
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) exceptions.Add($"{analyzer.GetType().Name}: {exception}"); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        return exceptions;
    }

    internal static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "MemoryTour", "Program.cs");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("samples/MemoryTour/Program.cs not found above " + AppContext.BaseDirectory);
    }
}
