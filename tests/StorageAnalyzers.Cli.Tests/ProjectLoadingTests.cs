using System.Text.Json;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>
/// .csproj input through MSBuildWorkspace, which starts an MSBuild build host process: the only slow tests here.
/// </summary>
public sealed class ProjectLoadingTests
{
    [Fact]
    public void TheMemoryTourSampleLoadsAsAProjectAndAgreesWithTheFolder()
    {
        var sample = Path.Combine(Cli.RepositoryRoot(), "samples", "MemoryTour");

        var project = Cli.Run("classify", Path.Combine(sample, "MemoryTour.csproj"), "--format", "json");
        var folder = Cli.Run("classify", sample, "--format", "json");

        Assert.Equal("", project.Stderr); // the sample compiles cleanly
        var root = project.Json();
        Assert.Equal(["Program.cs"], root.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("file").GetString()).Distinct());
        Assert.Equal(folder.Stdout, project.Stdout);

        // The sample is there to show every storage class.
        var storages = root.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("storage").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "static-data", "static-bss", "thread-local", "automatic", "dynamic", "constant", "inline" }, storages);
        var allocations = root.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "object", "array", "closure", "delegate", "boxing", "params-array", "iterator", "stackalloc" }, allocations);
    }

    [Fact]
    public void AProjectThatFailsToLoadIsBadInput()
    {
        using var folder = new TempFolder();
        var project = folder.Write("Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">");

        var result = Cli.Run("classify", project);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(project, Assert.Single(result.StderrLines));
    }
}
