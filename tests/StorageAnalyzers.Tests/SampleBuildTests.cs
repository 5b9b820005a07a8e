using StorageAnalyzers.Package.Tests;
using System.Text.RegularExpressions;

namespace StorageAnalyzers.Tests;

/// <summary>
/// Builds samples/StackBuffers the way a user does (<c>dotnet build</c>, the analyzers coming from project references)
/// and compares the stack rules' diagnostics in the MSBuild output, by rule, file and line, with the
/// <c>// expect SDxxxx (...)</c> markers in the sample's source. The fixture builds once (restoring, and building the
/// analyzer projects in Release); the other builds reuse those outputs. Every build writes the sample's own bin/ and obj/
/// into a fresh temporary folder (the sample's <c>SampleOutputRoot</c> property), so the compiler always runs and
/// prints its diagnostics, and nothing is left where git would see it. xunit runs one class's tests one after another,
/// so these builds never race each other.
/// </summary>
public sealed class SampleBuildTests : IClassFixture<SampleBuildTests.DefaultBuild>
{
    private const long RaisedLimit = 64 * 1024; // samples/StackBuffers/raise-limit.globalconfig: 64KB

    private readonly DefaultBuild _default;

    public SampleBuildTests(DefaultBuild defaultBuild) => _default = defaultBuild;

    [Fact]
    public void The_default_build_reports_exactly_the_marked_stackallocs()
    {
        var build = _default.Result;
        Assert.True(build.ExitCode == 0, "the sample should build with warnings only:\n" + build.Output);

        var expected = Sample.Markers();
        Assert.Contains(expected, m => m.Id == "SD2001");
        Assert.Contains(expected, m => m.Id == "SD2002");
        Assert.Contains(expected, m => m.Id == "SD2003");

        var reported = build.Diagnostics();
        Assert.Equal(Keys(expected), Keys(reported));
        Assert.All(reported, d => Assert.Equal("warning", d.Severity));

        // The marker's byte count is the one the message gives (SD2001: the size; SD2002: the bound).
        foreach (var marker in expected.Where(m => m.Bytes is not null && m.Id != "SD2003"))
        {
            var diagnostic = reported.Single(d => d.Key == marker.Key);
            Assert.Contains($"{marker.Bytes} bytes", diagnostic.Message);
        }
    }

    [Fact]
    public void A_raised_stackalloc_limit_silences_SD2001_and_the_bounded_SD2002_only()
    {
        var build = Build.Run(_default.RepositoryRoot, noDependencies: true, "-p:RaiseStackallocLimit=true");
        Assert.True(build.ExitCode == 0, "the sample should build with warnings only:\n" + build.Output);

        var markers = Sample.Markers();
        Assert.Contains(markers, m => m.Id == "SD2001" && m.Bytes <= RaisedLimit);
        var expected = markers.Where(m => m.Id == "SD2003" || m.Unbounded || m.Bytes > RaisedLimit).ToList();
        Assert.Contains(expected, m => m.Id == "SD2002" && m.Unbounded);

        var reported = build.Diagnostics();
        Assert.DoesNotContain(reported, d => d.Id == "SD2001");
        Assert.Equal(Keys(expected), Keys(reported));
    }

    [Fact]
    public void Warnings_as_errors_for_SD2001_fail_the_build_at_each_SD2001()
    {
        var build = Build.Run(_default.RepositoryRoot, noDependencies: true, "-p:WarningsAsErrors=SD2001");
        Assert.True(build.ExitCode != 0, "the build should fail on SD2001:\n" + build.Output);

        var reported = build.Diagnostics();
        var errors = reported.Where(d => d.Severity == "error").ToList();
        Assert.Equal(Keys(Sample.Markers().Where(m => m.Id == "SD2001")), Keys(errors));
        Assert.All(errors, d => Assert.Equal("SD2001", d.Id));
        Assert.Contains(reported, d => d.Id == "SD2002" && d.Severity == "warning");
    }

    private static string[] Keys(IEnumerable<Marker> markers) => markers.Select(m => m.Key).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static string[] Keys(IEnumerable<Reported> diagnostics) => diagnostics.Select(d => d.Key).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The plain build of the sample, run once for the class; it also builds the analyzer projects in Release.</summary>
    public sealed class DefaultBuild
    {
        public DefaultBuild()
        {
            RepositoryRoot = Sample.RepositoryRoot();
            Result = Build.Run(RepositoryRoot, noDependencies: false);
        }

        public string RepositoryRoot { get; }

        public BuildResult Result { get; }
    }

    /// <summary>A diagnostic the sample's source says to expect: <c>// expect SD2001 (4096 bytes)</c>.</summary>
    private sealed record Marker(string File, int Line, string Id, long? Bytes, bool Unbounded)
    {
        public string Key => $"{Id} {File}:{Line}";
    }

    /// <summary>A diagnostic line of the MSBuild output: <c>path(line,col): warning SD2001: message [project]</c>.</summary>
    internal sealed record Reported(string File, int Line, string Severity, string Id, string Message)
    {
        public string Key => $"{Id} {File}:{Line}";
    }

    private static class Sample
    {
        public const string Folder = "samples/StackBuffers";

        private static readonly Regex MarkerPattern = new(@"//\s*expect\s+(?<id>SD\d{4})\s*(?:\((?<note>[^)]*)\))?", RegexOptions.CultureInvariant);
        private static readonly Regex BytesPattern = new(@"(?<bytes>\d+)\s+bytes", RegexOptions.CultureInvariant);

        public static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, Folder, "StackBuffers.csproj"))) return folder.FullName;
            }
            throw new InvalidOperationException($"{Folder}/StackBuffers.csproj not found above {AppContext.BaseDirectory}");
        }

        public static List<Marker> Markers()
        {
            var markers = new List<Marker>();
            foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot(), Folder), "*.cs").Order(StringComparer.Ordinal))
            {
                var lines = File.ReadAllLines(path);
                for (int i = 0; i < lines.Length; i++)
                {
                    foreach (Match match in MarkerPattern.Matches(lines[i]))
                    {
                        var note = match.Groups["note"].Value;
                        var bytes = BytesPattern.Match(note);
                        markers.Add(new Marker(Path.GetFileName(path), i + 1, match.Groups["id"].Value,
                            bytes.Success ? long.Parse(bytes.Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
                            note.Contains("unbounded", StringComparison.Ordinal)));
                    }
                }
            }
            return markers;
        }
    }

    public sealed record BuildResult(int ExitCode, string Output)
    {
        private static readonly Regex DiagnosticPattern = new(
            @"^\s*(?<path>[^\r\n]+?)\((?<line>\d+),(?<column>\d+)\):\s+(?<severity>warning|error)\s+(?<id>SD\d{4}):\s*(?<message>[^\r\n]*)$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>The SDxxxx diagnostics in the sample's own files (MSBuild repeats them in its summary; kept once).</summary>
        internal List<Reported> Diagnostics()
        {
            var sampleFolder = Path.GetFullPath(Path.Combine(Sample.RepositoryRoot(), Sample.Folder));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var diagnostics = new List<Reported>();
            foreach (Match match in DiagnosticPattern.Matches(Output))
            {
                var path = match.Groups["path"].Value.Trim();
                Assert.True(Path.GetFullPath(path).StartsWith(sampleFolder, StringComparison.Ordinal), $"a diagnostic outside the sample: {match.Value}");
                var reported = new Reported(Path.GetFileName(path), int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    match.Groups["severity"].Value, match.Groups["id"].Value, match.Groups["message"].Value);
                if (seen.Add(reported.Severity + " " + reported.Key)) diagnostics.Add(reported);
            }
            return diagnostics;
        }
    }

    /// <summary><c>dotnet build samples/StackBuffers -c Release</c> as a child process with a time limit.</summary>
    private static class Build
    {
        private static readonly TimeSpan FirstBuildTimeout = TimeSpan.FromMinutes(5); // builds the analyzer projects too
        private static readonly TimeSpan LaterBuildTimeout = TimeSpan.FromMinutes(2);

        public static BuildResult Run(string repositoryRoot, bool noDependencies, params string[] extraArguments)
        {
            var outputRoot = Path.Combine(Path.GetTempPath(), "storage-analyzers-sample-build", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outputRoot);
            try
            {
                var arguments = new List<string>
                {
                    "build", Sample.Folder, "-c", "Release", "--nologo", "-v", "q", "-tl:off", "-nodeReuse:false",
                    // No compiler server: nothing outlives the build holding the output pipes open.
                    "-p:UseSharedCompilation=false",
                    "-p:SampleOutputRoot=" + outputRoot + Path.DirectorySeparatorChar,
                };
                if (noDependencies) arguments.AddRange(["--no-restore", "--no-dependencies"]);
                arguments.AddRange(extraArguments);
                return Execute(repositoryRoot, arguments, noDependencies ? LaterBuildTimeout : FirstBuildTimeout);
            }
            finally
            {
                try
                {
                    Directory.Delete(outputRoot, recursive: true);
                }
                catch (IOException)
                {
                    // a leftover temp folder is not worth failing a test over
                }
            }
        }

        // The same child-process runner as the package tests (linked from tests/StorageAnalyzers.Package.Tests).
        private static BuildResult Execute(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout)
        {
            var result = DotnetCommand.Run(workingDirectory, arguments, timeout);
            return new BuildResult(result.ExitCode, result.Output);
        }
    }
}
