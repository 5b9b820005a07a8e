namespace StorageAnalyzers.Cli.Tests;

/// <summary>
/// <c>--fail-on-warning</c> for CI: exit code 1 when a stack rule reports a warning or an error, with the findings on
/// stderr and the report still on stdout; severities and limits come from the project's .editorconfig as in a build.
/// </summary>
public sealed class FailOnWarningTests
{
    private const string LargeBuffer = """
        public static class Buffers
        {
            public static int Sum()
            {
                System.Span<byte> block = stackalloc byte[4096];
                return block.Length;
            }
        }
        """;

    [Fact]
    public void A_stack_warning_fails_the_run_and_is_listed_on_stderr()
    {
        using var folder = new TempFolder();
        folder.Write("Buffers.cs", LargeBuffer);

        var result = Cli.Run("classify", folder.Path, "--fail-on-warning");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("block", result.Stdout); // the table is still written
        Assert.StartsWith("Buffers.cs(5,35): warning SD2001: stackalloc of 4096 x byte takes 4096 bytes", result.StderrLines[0], StringComparison.Ordinal);
        Assert.Equal("error: 1 finding at warning or above (--fail-on-warning)", result.StderrLines[^1]);
    }

    [Fact]
    public void Without_the_option_findings_do_not_change_the_exit_code()
    {
        using var folder = new TempFolder();
        folder.Write("Buffers.cs", LargeBuffer);

        var result = Cli.Run("classify", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void The_projects_editorconfig_decides_severities_and_limits()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>""");
        folder.Write("Buffers.cs", LargeBuffer);

        folder.Write(".editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.SD2001.severity = none\n");
        Assert.Equal(0, Cli.Run("classify", project, "--fail-on-warning").ExitCode);

        folder.Write(".editorconfig", "root = true\n[*.cs]\nstorage_analyzers.stackalloc_limit = 2KB\ndotnet_diagnostic.SD2001.severity = error\n");
        var failing = Cli.Run("classify", project, "--fail-on-warning");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("Buffers.cs(5,35): error SD2001: stackalloc of 4096 x byte takes 4096 bytes of stack, over the stackalloc limit of 2KB", failing.StderrLines);
    }
}
