using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Cli.Loading;

/// <summary>
/// One compilation and those of its trees that are the user's own source (not generated, not bin/obj).
/// <see cref="AnalyzerOptions"/> is the project's .editorconfig/.globalconfig/MSBuild view for the analyzers; loose
/// source files have none.
/// </summary>
internal sealed record LoadedCompilation(Compilation Compilation, ImmutableArray<SyntaxTree> UserTrees, AnalyzerOptions? AnalyzerOptions = null);

/// <summary>What a path on the command line turned into; <see cref="Root"/> is the folder that output paths are relative to.</summary>
internal sealed record LoadedInput(string Root, ImmutableArray<LoadedCompilation> Compilations)
{
    private static readonly string[] BuildOutputFolders = ["bin", "obj"];

    /// <summary>The path as the contract prints it: relative to the input root, with '/' separators.</summary>
    public string RelativePath(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>True for a source file of the user's: not in a bin/ or obj/ folder below the root.</summary>
    public static bool IsUserSource(string root, string path) =>
        !Path.GetRelativePath(root, path).Split('/', '\\').SkipLast(1).Any(BuildOutputFolders.Contains);

    /// <summary>True for a folder that holds build output, skipped when looking for sources.</summary>
    public static bool IsBuildOutput(string folderName) => BuildOutputFolders.Contains(folderName);
}
