using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Cli.Loading;

/// <summary>Turns the <c>&lt;path&gt;</c> argument into compilations, or an <see cref="InputException"/> naming the path.</summary>
internal static class InputLoader
{
    public static LoadedInput Load(string path, OptimizationLevel optimization)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            if (Directory.Exists(fullPath)) return SourceFilesLoader.LoadFolder(fullPath, path, optimization);
            if (!File.Exists(fullPath)) throw new InputException($"{path}: no such file or folder.");
            return Path.GetExtension(fullPath).ToLowerInvariant() switch
            {
                ".cs" => SourceFilesLoader.LoadFile(fullPath, path, optimization),
                ".csproj" or ".sln" or ".slnx" => ProjectLoader.Load(fullPath, path, optimization),
                _ => throw new InputException($"{path}: not C# input; expected a .cs file, a folder of .cs files, a .csproj or a .sln."),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}");
        }
    }
}
