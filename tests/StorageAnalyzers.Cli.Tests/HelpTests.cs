namespace StorageAnalyzers.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public void HelpListsTheVerbsWithAnExample()
    {
        var result = Cli.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("classify", result.Stdout);
        Assert.Contains("storage-analyzers classify samples/MemoryTour", result.Stdout);
    }

    [Fact]
    public void ClassifyHelpListsItsOptions()
    {
        var result = Cli.Run("classify", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "<path>", "--format", "--debug", "--pointer-size", "--fail-on-warning", "table|json|sarif" })
            Assert.Contains(option, result.Stdout);
    }

    [Fact]
    public void VersionPrintsTheVersion()
    {
        var result = Cli.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout);
    }
}
