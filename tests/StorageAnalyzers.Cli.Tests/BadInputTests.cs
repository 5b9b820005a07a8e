namespace StorageAnalyzers.Cli.Tests;

/// <summary>Every kind of bad input: exit code 2, one line on stderr naming the culprit, nothing on stdout.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void AssertBadInput(CliResult result, string named)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(named, line);
    }

    [Fact]
    public void MissingPath() => AssertBadInput(Cli.Run("classify"), "<path>");

    [Fact]
    public void MissingVerb() => AssertBadInput(Cli.Run(), "classify");

    [Fact]
    public void NonexistentPath()
    {
        var path = Path.Combine(_folder.Path, "nope.cs");
        AssertBadInput(Cli.Run("classify", path), path);
    }

    [Fact]
    public void NonCSharpFile()
    {
        var path = _folder.Write("notes.txt", "class C { }");
        AssertBadInput(Cli.Run("classify", path), path);
    }

    [Fact]
    public void FolderWithoutCSharpFiles()
    {
        _folder.Write("readme.md", "# nothing here");
        _folder.Write("obj/Generated.cs", "class Generated { }"); // build output does not count
        AssertBadInput(Cli.Run("classify", _folder.Path), _folder.Path);
    }

    [Fact]
    public void BinaryCSharpFile()
    {
        var path = Path.Combine(_folder.Path, "Image.cs");
        File.WriteAllBytes(path, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
        AssertBadInput(Cli.Run("classify", path), path);
    }

    [Fact]
    public void BinaryFileInAFolderIsNamedByItsOwnPath()
    {
        _folder.Write("Good.cs", "class Good { }");
        File.WriteAllBytes(Path.Combine(_folder.Path, "Bad.cs"), [0x00, 0x01, 0x02]);
        AssertBadInput(Cli.Run("classify", _folder.Path), "Bad.cs");
    }

    [Fact]
    public void UnknownOption()
    {
        _folder.Write("A.cs", "class A { }");
        AssertBadInput(Cli.Run("classify", _folder.Path, "--colour"), "--colour");
    }

    [Fact]
    public void BadFormat()
    {
        _folder.Write("A.cs", "class A { }");
        AssertBadInput(Cli.Run("classify", _folder.Path, "--format", "xml"), "--format");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("eight")]
    public void BadPointerSize(string value)
    {
        _folder.Write("A.cs", "class A { }");
        AssertBadInput(Cli.Run("classify", _folder.Path, "--pointer-size", value), "--pointer-size");
    }

    [Fact]
    public void OptionWithoutValue()
    {
        _folder.Write("A.cs", "class A { }");
        AssertBadInput(Cli.Run("classify", _folder.Path, "--format"), "--format");
    }
}
