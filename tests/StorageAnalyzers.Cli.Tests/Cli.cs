using System.Text.Json;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>What one in-process run of the command line produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Stderr}");
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }
}

internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = Program.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The folder that holds samples/, found from the test binaries upwards.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "samples", "MemoryTour"))) return folder.FullName;
        }
        throw new InvalidOperationException("samples/MemoryTour not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A scratch folder of source files, deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "storage-analyzers-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file (relative path with '/' separators) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
