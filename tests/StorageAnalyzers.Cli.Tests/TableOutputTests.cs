namespace StorageAnalyzers.Cli.Tests;

/// <summary>The default table output: per-file tables, a summary, and plain text when stdout is not a terminal.</summary>
public sealed class TableOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ShowsEachFileItsVariablesItsAllocationsAndASummary()
    {
        _folder.Write("Counter.cs", """
            class Counter
            {
                static int s_total = 5;
                [System.ThreadStatic] static int t_local;
                int[] Make(int size) { var values = new int[size]; return values; }
            }
            """);

        var result = Cli.Run("classify", _folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        foreach (var expected in new[] { "Counter.cs", "Variables", "Allocations", "s_total", "t_local", "values", "size", "3:16", "static-data", "thread-local" })
            Assert.Contains(expected, result.Stdout);
        Assert.Contains("4 variables (", result.Stdout); // the summary
        Assert.DoesNotContain('\u001b', result.Stdout); // no ANSI colours into a file or pipe
    }

    [Fact]
    public void FitsAnEightyColumnTerminal()
    {
        _folder.Write("A.cs", """
            using System.Collections.Generic;
            class A
            {
                static string s_longName = "x";
                async System.Threading.Tasks.Task<Dictionary<string, List<KeyValuePair<int, string>>>> LoadEverythingAsync(string someVeryLongParameterName)
                {
                    var o = new Dictionary<string, List<KeyValuePair<int, string>>>();
                    await System.Threading.Tasks.Task.Yield();
                    return o;
                }
            }
            """);

        var result = Cli.Run("classify", _folder.Path);

        Assert.All(result.Stdout.Split(Environment.NewLine), line =>
        {
            Assert.True(line.Length <= 80, line);
            Assert.Equal(line.TrimEnd(), line);
        });
    }
}
