using System.Reflection;

namespace StorageAnalyzers.Benchmarks.Corpora;

/// <summary>Folders the build recorded: the repository and the restored packages (GeneratePathProperty).</summary>
internal static class Paths
{
    public static string Of(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        is { Length: > 0 } value
            ? Path.TrimEndingDirectorySeparator(value)
            : throw new InvalidOperationException($"The build did not record the path of {key}; run the benchmark with 'dotnet run'.");

    public static string Repository => Of("RepositoryRoot");
}
