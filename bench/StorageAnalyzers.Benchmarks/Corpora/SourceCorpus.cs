using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.Benchmarks.Corpora;

/// <summary>
/// The repository's own src/: one compilation per project, in dependency order, against .NET 10's reference
/// assemblies and the libraries the benchmark itself runs with (Roslyn, System.CommandLine, ...). A project's
/// references to other src projects are their metadata, emitted once.
/// </summary>
internal static partial class SourceCorpus
{
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static Corpus Load()
    {
        var src = Path.Combine(Paths.Repository, "src");
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["RELEASE", "TRACE"]);
        var baseReferences = Cli.Loading.ReferenceAssemblies.All.AddRange(HostLibraries());
        var projects = Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Select(file => (File: file, Name: Path.GetFileNameWithoutExtension(file), Text: File.ReadAllText(file)))
            .ToDictionary(p => p.Name);

        var emitted = new Dictionary<string, MetadataReference>();
        var result = ImmutableArray.CreateBuilder<CorpusProject>();
        foreach (var name in DependencyOrder(projects.Keys, name => ProjectReferences(projects[name].Text)))
        {
            var (file, _, text) = projects[name];
            var folder = Path.GetDirectoryName(file)!;
            var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsBuildOutput(folder, path))
                .Order(StringComparer.Ordinal)
                .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path)), parseOptions, path))
                .ToImmutableArray();
            if (trees.IsEmpty) continue;
            var references = baseReferences.AddRange(ProjectReferences(text).Where(emitted.ContainsKey).Select(r => emitted[r]));
            var extra = text.Contains("<ImplicitUsings>enable</ImplicitUsings>", StringComparison.Ordinal)
                ? [CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions)]
                : ImmutableArray<SyntaxTree>.Empty;
            var project = new CorpusProject(name, trees, references, CorpusProject.LibraryOptions(), extra);
            result.Add(project);
            emitted[name] = EmitMetadata(project);
        }
        return new Corpus("src", result.ToImmutable(), Targeted: false);
    }

    private static bool IsBuildOutput(string folder, string path) =>
        Path.GetRelativePath(folder, path).Split('/', '\\') is [.., _] parts && parts.SkipLast(1).Any(p => p is "bin" or "obj");

    private static IEnumerable<string> ProjectReferences(string csproj) =>
        ProjectReference().Matches(csproj).Select(m => m.Groups[1].Value);

    [GeneratedRegex("""<ProjectReference\s+Include="[^"]*[\\/]([^"\\/]+)\.csproj"\s*/?>""")]
    private static partial Regex ProjectReference();

    private static List<string> DependencyOrder(IEnumerable<string> names, Func<string, IEnumerable<string>> dependencies)
    {
        var order = new List<string>();
        var done = new HashSet<string>();
        void Visit(string name)
        {
            if (!done.Add(name)) return;
            foreach (var dependency in dependencies(name)) Visit(dependency);
            order.Add(name);
        }
        foreach (var name in names.Order(StringComparer.Ordinal)) Visit(name);
        return order;
    }

    private static MetadataReference EmitMetadata(CorpusProject project)
    {
        using var stream = new MemoryStream();
        project.Fresh().Emit(stream, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(metadataOnly: true));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>The libraries next to the benchmark that src/ compiles against, without the benchmark's own projects.</summary>
    private static IEnumerable<MetadataReference> HostLibraries() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && !name.StartsWith("StorageAnalyzers", StringComparison.Ordinal) && name != "storage-analyzers.dll")
            .Order(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
}
