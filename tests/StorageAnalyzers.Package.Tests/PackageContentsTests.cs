using System.IO.Compression;
using System.Xml.Linq;

namespace StorageAnalyzers.Package.Tests;

/// <summary>What is inside StorageAnalyzers.nupkg: analyzer-side DLLs, build files, README and icon, and nothing a program would run.</summary>
public sealed class PackageContentsTests
{
    /// <summary>Every project whose DLL runs inside the compiler or the IDE.</summary>
    private static readonly string[] AnalyzerAssemblies =
        ["StorageAnalyzers.dll", "StorageAnalyzers.CodeFixes.dll", "StorageAnalyzers.Core.dll", "StorageAnalyzers.Simulator.dll"];

    [Fact]
    public void The_package_holds_the_analyzer_side_DLLs_build_files_readme_and_icon_only()
    {
        var files = Entries().Where(e => !IsPackagingMetadata(e)).Order(StringComparer.Ordinal);

        var expected = AnalyzerAssemblies.Select(dll => "analyzers/dotnet/cs/" + dll)
            .Concat(["build/StorageAnalyzers.props", "build/StorageAnalyzers.targets",
                "build/StorageAnalyzers.default.globalconfig", "build/StorageAnalyzers.hotpath.globalconfig", "build/StorageAnalyzers.strict.globalconfig",
                "README.md", "icon.png", "StorageAnalyzers.nuspec"])
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, files);
    }

    [Fact]
    public void The_package_is_a_development_dependency_without_dependencies()
    {
        var metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("StorageAnalyzers", Value("id"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Null(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies"));
    }

    [Fact]
    public void The_icon_is_a_PNG()
    {
        using var package = ZipFile.OpenRead(Repository.PackagePath);
        using var icon = package.GetEntry("icon.png")!.Open();
        var signature = new byte[8];
        icon.ReadExactly(signature);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature);
    }

    private static List<string> Entries()
    {
        Assert.True(File.Exists(Repository.PackagePath), $"{Repository.PackagePath} should exist (every build of src/StorageAnalyzers.Package packs it)");
        using var package = ZipFile.OpenRead(Repository.PackagePath);
        return package.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The OPC parts every nupkg has ([Content_Types].xml, _rels/, package/services/).</summary>
    private static bool IsPackagingMetadata(string entry) =>
        entry == "[Content_Types].xml" || entry.StartsWith("_rels/", StringComparison.Ordinal) || entry.StartsWith("package/", StringComparison.Ordinal);

    private static XDocument Nuspec()
    {
        using var package = ZipFile.OpenRead(Repository.PackagePath);
        using var stream = package.GetEntry("StorageAnalyzers.nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
