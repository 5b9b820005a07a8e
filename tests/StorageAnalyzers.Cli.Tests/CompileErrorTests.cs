namespace StorageAnalyzers.Cli.Tests;

/// <summary>Code that does not parse or bind is classified as far as it binds; the errors are warnings on stderr.</summary>
public sealed class CompileErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SyntaxErrorsAreWarningsAndTheRestIsClassified()
    {
        _folder.Write("Broken.cs", "class D\n{\n    void M() { int x = 1 }\n}\n");

        var result = Cli.Run("classify", _folder.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.StderrLines, line => Assert.StartsWith("warning: ", line));
        Assert.Contains(result.StderrLines, line => line.StartsWith("warning: Broken.cs(3,") && line.EndsWith("): error CS1002: ; expected"));
        Assert.Contains(result.Json().GetProperty("variables").EnumerateArray(), v => v.GetProperty("name").GetString() == "x");
    }

    [Fact]
    public void BindingErrorsAreCountedAndOnlyTheFirstFewShown()
    {
        var body = string.Concat(Enumerable.Range(0, 8).Select(i => $"        Missing{i} m{i} = null!;\n"));
        _folder.Write("Unbound.cs", $"class E\n{{\n    void M()\n    {{\n{body}        int k = 2;\n    }}\n}}\n");

        var result = Cli.Run("classify", _folder.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("8 compile error", result.StderrLines[0]);
        Assert.True(result.StderrLines.Length < 8, result.Stderr);
        Assert.Contains(result.StderrLines, line => line.Contains("error CS0246"));
        Assert.Contains(result.Json().GetProperty("variables").EnumerateArray(), v => v.GetProperty("name").GetString() == "k");
    }

    [Fact]
    public void A_folder_with_a_project_file_is_told_to_pass_the_project_when_its_references_are_missing()
    {
        _folder.Write("Uses.cs", "class U { Newtonsoft.Json.JsonSerializer? s; }\n");
        _folder.Write("Uses.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");

        var result = Cli.Run("classify", _folder.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.StderrLines, line => line == $"warning: {_folder.Path} has a project file; pass {Path.Combine(_folder.Path, "Uses.csproj")} to compile with its references");
    }

    [Fact]
    public void CodeThatCompilesGivesNoWarnings()
    {
        _folder.Write("Program.cs", "var items = new List<int> { 1, 2 };\nConsole.WriteLine(items.Count);\n");

        var result = Cli.Run("classify", _folder.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr); // top-level statements and implicit usings, as in an SDK project
    }
}
