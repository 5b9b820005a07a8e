using System.Reflection;

namespace StorageAnalyzers.Package.Tests;

/// <summary>Where the repository and the package built with these tests are (recorded at build time).</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>artifacts/packages/StorageAnalyzers.VERSION.nupkg, packed by every build of src/StorageAnalyzers.Package.</summary>
    public static string PackagePath { get; } = Metadata("PackagePath");

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
