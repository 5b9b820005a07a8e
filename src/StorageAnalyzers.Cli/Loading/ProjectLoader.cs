using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace StorageAnalyzers.Cli.Loading;

/// <summary>A .csproj or a .sln, loaded the way the build sees it through MSBuildWorkspace.</summary>
internal static class ProjectLoader
{
    public static LoadedInput Load(string path, string shownPath, OptimizationLevel optimization)
    {
        RegisterMsBuild(shownPath);
        return Open(path, shownPath, optimization);
    }

    // MSBuildLocator must find an SDK before the JIT compiles any method that mentions MSBuild types,
    // so registration and use live in separate, non-inlined methods.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterMsBuild(string shownPath)
    {
        if (MSBuildLocator.IsRegistered) return;
        try
        {
            MSBuildLocator.RegisterDefaults();
        }
        catch (InvalidOperationException e)
        {
            throw new InputException($"{shownPath}: cannot be loaded: no .NET SDK found for MSBuild ({e.Message})");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LoadedInput Open(string path, string shownPath, OptimizationLevel optimization)
    {
        // The configuration decides DEBUG/RELEASE symbols; the optimization level is forced below as well, since a
        // project may set Optimize itself.
        var properties = new Dictionary<string, string>
        {
            ["Configuration"] = optimization == OptimizationLevel.Debug ? "Debug" : "Release",
        };
        using var workspace = MSBuildWorkspace.Create(properties);
        var isProject = Path.GetExtension(path).Equals(".csproj", StringComparison.OrdinalIgnoreCase);
        var projects = isProject
            ? [workspace.OpenProjectAsync(path).GetAwaiter().GetResult()]
            : workspace.OpenSolutionAsync(path).GetAwaiter().GetResult().Projects.ToList();

        var failure = workspace.Diagnostics.FirstOrDefault(d => d.Kind == WorkspaceDiagnosticKind.Failure);
        if (failure is not null) throw new InputException($"{shownPath}: cannot be loaded: {failure.Message}");

        var root = Path.GetDirectoryName(path)!;
        var seen = new HashSet<string>(StringComparer.Ordinal); // a multi-targeted project yields one project per target
        var compilations = ImmutableArray.CreateBuilder<LoadedCompilation>();
        foreach (var project in projects.Where(p => p.Language == LanguageNames.CSharp))
        {
            var documents = project.Documents
                .Select(d => d.FilePath)
                .OfType<string>()
                .Where(file => LoadedInput.IsUserSource(root, file))
                .ToHashSet(StringComparer.Ordinal);
            var compilation = project.GetCompilationAsync().GetAwaiter().GetResult();
            if (compilation is null || documents.Count == 0) continue;

            compilation = compilation.WithOptions(compilation.Options.WithOptimizationLevel(optimization));
            var trees = compilation.SyntaxTrees.Where(t => documents.Contains(t.FilePath) && seen.Add(t.FilePath)).ToImmutableArray();
            if (trees.Length > 0) compilations.Add(new LoadedCompilation(compilation, trees, project.AnalyzerOptions));
        }

        if (compilations.Count == 0) throw new InputException($"{shownPath}: no C# source files in the {(isProject ? "project" : "solution")}.");
        return new LoadedInput(root, compilations.ToImmutable());
    }
}
