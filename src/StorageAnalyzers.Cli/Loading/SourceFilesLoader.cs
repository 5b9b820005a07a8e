using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.Cli.Loading;

/// <summary>
/// A .cs file or a folder of them, compiled as one assembly against the running runtime's reference assemblies
/// with the settings a new SDK-style project has (implicit usings, nullable, latest language).
/// </summary>
internal static class SourceFilesLoader
{
    // The SDK's implicit global usings for Microsoft.NET.Sdk projects.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static LoadedInput LoadFolder(string folder, string shownPath, OptimizationLevel optimization)
    {
        var files = FindSources(folder).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InputException($"{shownPath}: no .cs files in this folder.");
        var sources = files.Select(file => (file, Path.Join(shownPath, Path.GetRelativePath(folder, file))));
        return Compile(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), sources, optimization);
    }

    public static LoadedInput LoadFile(string file, string shownPath, OptimizationLevel optimization) =>
        Compile(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file), [(file, shownPath)], optimization);

    private static IEnumerable<string> FindSources(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
            yield return file;
        foreach (var subfolder in Directory.EnumerateDirectories(folder))
        {
            if (LoadedInput.IsBuildOutput(Path.GetFileName(subfolder))) continue;
            foreach (var file in FindSources(subfolder))
                yield return file;
        }
    }

    /// <param name="sources">Each file's full path and the path that messages show.</param>
    private static LoadedInput Compile(string root, string assemblyName, IEnumerable<(string File, string Shown)> sources,
        OptimizationLevel optimization)
    {
        // C# 14 is "preview" to Roslyn 4.14 but the default of a net10.0 project.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: PreprocessorSymbols(optimization));
        var trees = sources
            .Select(source => CSharpSyntaxTree.ParseText(Read(source.File, source.Shown), parseOptions, path: source.File))
            .ToImmutableArray();
        // Pathless, so that it is never taken for user source.
        var implicitUsings = CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions);

        var outputKind = trees.Any(HasEntryPoint) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var options = new CSharpCompilationOptions(outputKind,
            optimizationLevel: optimization,
            allowUnsafe: true,
            nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create(assemblyName, trees.Add(implicitUsings), ReferenceAssemblies.All, options);
        return new LoadedInput(root, [new LoadedCompilation(compilation, trees)]);
    }

    private static SourceText Read(string file, string shownPath)
    {
        using var stream = File.OpenRead(file);
        // Decoding honours a UTF-16/32 byte order mark, so a NUL left after decoding means the file is not text.
        var text = SourceText.From(stream, encoding: null, SourceHashAlgorithm.Sha256);
        if (text.ToString().Contains('\0')) throw new InputException($"{shownPath}: a binary file, not C# source.");
        return text;
    }

    /// <summary>Top-level statements or a static Main make the SDK build an executable.</summary>
    private static bool HasEntryPoint(SyntaxTree tree) =>
        tree.GetCompilationUnitRoot()
            .DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .Any(node => node is GlobalStatementSyntax
                || node is MethodDeclarationSyntax { Identifier.ValueText: "Main" } main && main.Modifiers.Any(SyntaxKind.StaticKeyword));

    /// <summary>The symbols the SDK defines for a net{N}.0 build, so that #if DEBUG and #if NET8_0_OR_GREATER read as they would.</summary>
    private static IEnumerable<string> PreprocessorSymbols(OptimizationLevel optimization)
    {
        var major = Environment.Version.Major;
        yield return optimization == OptimizationLevel.Debug ? "DEBUG" : "RELEASE";
        yield return "TRACE";
        yield return "NET";
        yield return "NETCOREAPP";
        yield return $"NET{major}_0";
        for (var version = 5; version <= major; version++)
            yield return $"NET{version}_0_OR_GREATER";
    }
}
