using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Package.Tests;

/// <summary>
/// The DLLs of the package's analyzers/dotnet/cs folder, extracted and loaded the way a compiler or IDE host loads an
/// analyzer package: each file an <see cref="AnalyzerFileReference"/>, in a load context of its own, with Roslyn
/// itself coming from the host.
/// </summary>
internal sealed class PackagedAnalyzers : IDisposable
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "storage-analyzers-packaged", Guid.NewGuid().ToString("N"));

    public PackagedAnalyzers()
    {
        Directory.CreateDirectory(_folder);
        using (var package = ZipFile.OpenRead(Repository.PackagePath))
        {
            foreach (var entry in package.Entries.Where(e => e.FullName.StartsWith(AnalyzerFolder, StringComparison.Ordinal)))
                entry.ExtractToFile(Path.Combine(_folder, entry.Name));
        }
        var loader = new FolderLoader(_folder);
        References = Directory.GetFiles(_folder, "*.dll").Select(path => new AnalyzerFileReference(path, loader)).ToList();
    }

    public IReadOnlyList<AnalyzerFileReference> References { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a leftover temp folder is not worth failing a test over
        }
    }

    /// <summary>Loads the package's DLLs and their siblings into one context; anything else (Roslyn, the BCL) from the host.</summary>
    private sealed class FolderLoader(string folder) : AssemblyLoadContext("packaged-analyzers"), IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var sibling = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(sibling) ? LoadFromAssemblyPath(sibling) : null;
        }
    }
}
