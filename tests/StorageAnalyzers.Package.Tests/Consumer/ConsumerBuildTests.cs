using System.Text.Json;

namespace StorageAnalyzers.Package.Tests.Consumer;

/// <summary>
/// samples/PackageConsumer restored from the local feed and built with <c>dotnet build</c>, as a user or a CI job
/// does: the warnings land on the lines its source marks, -warnaserror fails the build on the stack-budget violation,
/// the sample's .editorconfig and the StorageAnalysisMode presets change severities.
/// </summary>
public sealed class ConsumerBuildTests : IClassFixture<ConsumerSample>
{
    private readonly ConsumerSample _sample;

    public ConsumerBuildTests(ConsumerSample sample) => _sample = sample;

    [Fact]
    public void The_build_warns_on_the_marked_lines_and_the_editorconfig_shows_the_tags_of_one_file()
    {
        var log = Path.Combine(_sample.ProjectFolder, "build.sarif");
        var build = _sample.Build($"-p:ErrorLog={log}%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, "the sample should build with warnings:\n" + build.Output);
        var markers = ConsumerSample.Markers();
        Assert.Contains(markers, m => m.Id == "SD2001");
        Assert.Contains(markers, m => m.Id == "SD2002");
        Assert.Equal(markers, Reported.InBuildOutput(build.Output));

        // SD1001 is silent by default; the sample's .editorconfig raises it to suggestion for HexPreview.cs only. Build
        // output leaves suggestions out, the compiler's SARIF log keeps them.
        var tags = SarifResults(log).Where(r => r.Id == "SD1001").ToList();
        Assert.Contains(new Reported("HexPreview.cs", 11, "note", "SD1001"), tags); // 'text', the stackalloc'd span
        Assert.All(tags, t => Assert.Equal("HexPreview.cs", t.File));
    }

    [Fact]
    public void Warnings_as_errors_fail_the_build_at_the_stack_budget_violation()
    {
        var build = _sample.Build("-warnaserror");

        Assert.True(build.ExitCode != 0, "-warnaserror should fail the build:\n" + build.Output);
        var sd2001 = Assert.Single(ConsumerSample.Markers(), m => m.Id == "SD2001");
        Assert.Contains(sd2001 with { Severity = "error" }, Reported.InBuildOutput(build.Output));
    }

    [Fact]
    public void The_hotpath_preset_makes_the_stackalloc_rules_errors()
    {
        var build = _sample.Build("-p:StorageAnalysisMode=hotpath");

        Assert.True(build.ExitCode != 0, "the hotpath preset should fail the build:\n" + build.Output);
        var reported = Reported.InBuildOutput(build.Output);
        Assert.Equal(ConsumerSample.Markers().Select(m => m with { Severity = "error" }), reported.Where(r => r.Id.StartsWith("SD2", StringComparison.Ordinal)));
        // Heap allocations are warnings everywhere in this mode (suggestions by default, which build output leaves out):
        // Program.cs builds its report line with string interpolation.
        Assert.Contains(reported, r => r.Id == "SD3005" && r.File == "Program.cs" && r.Severity == "warning");
        Assert.All(reported.Where(r => r.Id.StartsWith("SD30", StringComparison.Ordinal)), r => Assert.Equal("warning", r.Severity));
    }

    [Fact]
    public void The_strict_preset_makes_the_stack_rules_errors_and_shows_the_tags_everywhere()
    {
        var log = Path.Combine(_sample.ProjectFolder, "strict.sarif");
        var build = _sample.Build("-p:StorageAnalysisMode=strict", $"-p:ErrorLog={log}%2Cversion=2.1");

        Assert.True(build.ExitCode != 0, "the strict preset should fail the build:\n" + build.Output);
        var reported = Reported.InBuildOutput(build.Output);
        Assert.Equal(ConsumerSample.Markers().Select(m => m with { Severity = "error" }), reported.Where(r => r.Id.StartsWith("SD2", StringComparison.Ordinal)));
        Assert.Contains(reported, r => r.Id == "SD3005" && r.File == "Program.cs" && r.Severity == "warning");
        var tagged = SarifResults(log).Where(r => r.Id == "SD1001").Select(r => r.File).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["Crc32.cs", "HexPreview.cs", "Program.cs"], tagged);
    }

    [Fact]
    public void An_unknown_analysis_mode_is_reported_once_and_the_shipped_severities_apply()
    {
        var build = _sample.Build("-p:StorageAnalysisMode=fast");

        Assert.True(build.ExitCode == 0, "an unknown mode should not fail the build:\n" + build.Output);
        Assert.Contains("warning SD9001: 'StorageAnalysisMode' has the value 'fast'", build.Output, StringComparison.Ordinal);
        var reported = Reported.InBuildOutput(build.Output);
        Assert.Single(reported, r => r.Id == "SD9001");
        Assert.Equal(ConsumerSample.Markers(), reported.Where(r => r.Id != "SD9001"));
    }

    /// <summary>The results of a SARIF 2.1 log the compiler wrote (<c>-p:ErrorLog=path,version=2.1</c>).</summary>
    private static List<Reported> SarifResults(string path)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(path));
        return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(result =>
        {
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            return new Reported(Path.GetFileName(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!),
                location.GetProperty("region").GetProperty("startLine").GetInt32(),
                result.GetProperty("level").GetString()!, result.GetProperty("ruleId").GetString()!);
        }).ToList();
    }
}
