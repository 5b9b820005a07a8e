using System.Text.RegularExpressions;

namespace StorageAnalyzers.Package.Tests.Consumer;

/// <summary>
/// samples/PackageConsumer as a user has it: a copy in a temporary folder beside a copy of the local feed
/// (artifacts/packages, where its nuget.config looks), restored into a fresh NuGet packages folder, so the package is
/// always the one just built and never a stale 0.1.0 from the global cache; the repository is left untouched.
/// </summary>
public sealed class ConsumerSample : IDisposable
{
    public const string Folder = "samples/PackageConsumer";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Regex MarkerPattern = new(@"//\s*expect\s+(?<id>SD\d{4})\b", RegexOptions.CultureInvariant);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "storage-analyzers-consumer", Guid.NewGuid().ToString("N"));

    public ConsumerSample()
    {
        ProjectFolder = Path.Combine(_root, Folder);
        CopyFolder(Repository.PathOf(Folder), ProjectFolder);
        var feed = Directory.CreateDirectory(Path.Combine(_root, "artifacts", "packages")).FullName;
        Assert.True(File.Exists(Repository.PackagePath), $"{Repository.PackagePath} should exist (every build of src/StorageAnalyzers.Package packs it)");
        File.Copy(Repository.PackagePath, Path.Combine(feed, Path.GetFileName(Repository.PackagePath)));
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages") };

        var restore = DotnetCommand.Run(ProjectFolder, ["restore", "-tl:off", "-nodeReuse:false"], Timeout, Environment);
        Assert.True(restore.ExitCode == 0, "the sample should restore from the local feed:\n" + restore.Output);
    }

    public string ProjectFolder { get; }

    /// <summary>What the child processes need to find the packages this sample restored.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>
    /// <c>dotnet build</c> of the restored sample. Every build compiles from scratch (a skipped compile prints no
    /// warnings), without the compiler server, which would outlive the build holding its output open.
    /// </summary>
    internal CommandResult Build(params string[] arguments) =>
        DotnetCommand.Run(ProjectFolder,
            ["build", "--no-restore", "--no-incremental", "-nologo", "-v", "q", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. arguments],
            Timeout, Environment);

    /// <summary>The diagnostics the sample's source says to expect: <c>// expect SD2001 (...)</c>, by rule, file and line.</summary>
    public static List<Reported> Markers()
    {
        var markers = new List<Reported>();
        foreach (var path in Directory.GetFiles(Repository.PathOf(Folder), "*.cs").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match match in MarkerPattern.Matches(lines[i]))
                    markers.Add(new Reported(Path.GetFileName(path), i + 1, "warning", match.Groups["id"].Value));
            }
        }
        return markers;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test over
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is not ("bin" or "obj")) CopyFolder(folder, Path.Combine(to, name));
        }
    }
}
