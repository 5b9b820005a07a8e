using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Benchmarks.Corpora;

namespace StorageAnalyzers.Benchmarks.Analyzers;

/// <summary>What runs on the corpus in one measurement: no analyzer (the floor) or a set of analyzers.</summary>
internal sealed record Configuration(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers,
    ImmutableDictionary<string, ReportDiagnostic>? SpecificOptions = null)
{
    public bool IsFloor => Analyzers.IsEmpty;

    public const string Floor = "floor (no analyzers)";
    public const string NoOp = "no-op analyzer";
    public const string Ours = "StorageAnalyzers (every rule)";
    public const string OursNoTags = "StorageAnalyzers without SD1001/SD1002";
    public const string OursBuild = "StorageAnalyzers (as a build runs it)";
    public const string Roslynator = "Roslynator.Analyzers";
    public const string Meziantou = "Meziantou.Analyzer";
    public const string NetAnalyzers = "NetAnalyzers";
    public const string NetAndOurs = "NetAnalyzers + StorageAnalyzers";

    /// <summary>Every StorageAnalyzers analyzer in the package, by reflection over the analyzer assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> OurAnalyzers() =>
        [.. typeof(StorageAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    /// <summary>Turns on every rule of these analyzers, including those off by default, at their default severity.</summary>
    public static ImmutableDictionary<string, ReportDiagnostic> EveryRuleOn(IEnumerable<DiagnosticAnalyzer> analyzers) =>
        analyzers.SelectMany(a => a.SupportedDiagnostics)
            .Where(d => !d.IsEnabledByDefault)
            .DistinctBy(d => d.Id)
            .ToImmutableDictionary(d => d.Id, d => ReportDiagnostic(d.DefaultSeverity));

    /// <summary>
    /// The analyzers a command-line build runs: csc skips an analyzer whose every rule is hidden or info (they never
    /// reach the build output), unless an error log is written.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> AsBuildRunsThem(IEnumerable<DiagnosticAnalyzer> analyzers) =>
        [.. analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.IsEnabledByDefault && d.DefaultSeverity >= DiagnosticSeverity.Warning))];

    /// <summary>
    /// The analyzers an IDE runs on an open document: not those whose every rule is tagged CompilationEnd, which run
    /// only in full solution analysis (they need the whole program).
    /// </summary>
    public Configuration ForDocuments() => this with
    {
        Analyzers = [.. Analyzers.Where(a => !a.SupportedDiagnostics.All(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)))],
    };

    private static ReportDiagnostic ReportDiagnostic(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => Microsoft.CodeAnalysis.ReportDiagnostic.Error,
        DiagnosticSeverity.Warning => Microsoft.CodeAnalysis.ReportDiagnostic.Warn,
        DiagnosticSeverity.Info => Microsoft.CodeAnalysis.ReportDiagnostic.Info,
        _ => Microsoft.CodeAnalysis.ReportDiagnostic.Hidden,
    };
}

/// <summary>
/// Loads a peer's analyzers from its restored package, from the analyzers/dotnet/roslynX.Y/cs folder that best fits
/// the Roslyn the benchmark runs on, each package in its own load context (its dependencies beside it, Roslyn from
/// the host).
/// </summary>
internal static class PeerPackage
{
    public static ImmutableArray<DiagnosticAnalyzer> Load(string packageKey, List<string> loadErrors)
    {
        var folder = AnalyzerFolder(Path.Combine(Paths.Of(packageKey), "analyzers", "dotnet"));
        var loader = new FolderLoader(folder);
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(dll, loader);
            reference.AnalyzerLoadFailed += (_, e) => loadErrors.Add($"{Path.GetFileName(dll)}: {e.ErrorCode} {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }
        return analyzers.ToImmutable();
    }

    private static string AnalyzerFolder(string dotnetFolder)
    {
        var host = typeof(Compilation).Assembly.GetName().Version!;
        var best = Directory.Exists(dotnetFolder)
            ? Directory.EnumerateDirectories(dotnetFolder, "roslyn*")
                .Select(path => (Path: path, Version: Version.TryParse(Path.GetFileName(path)["roslyn".Length..], out var v) ? v : null))
                .Where(c => c.Version is not null && c.Version <= host)
                .OrderByDescending(c => c.Version)
                .Select(c => c.Path)
                .FirstOrDefault()
            : null;
        return Path.Combine(best ?? dotnetFolder, "cs");
    }

    private sealed class FolderLoader(string folder) : IAnalyzerAssemblyLoader
    {
        private readonly Context _context = new(folder);

        public void AddDependencyLocation(string fullPath) { }

        public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

        private sealed class Context(string folder) : AssemblyLoadContext(Path.GetFileName(folder))
        {
            // A dependency beside the analyzer comes from the package; anything else (Roslyn, the BCL) from the host.
            protected override Assembly? Load(AssemblyName name)
            {
                var candidate = Path.Combine(folder, name.Name + ".dll");
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
    }
}
