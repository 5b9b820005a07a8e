using System.Text.RegularExpressions;

namespace StorageAnalyzers.Tests.Conventions;

/// <summary>The StorageAnalysisMode presets the package ships (src/StorageAnalyzers.Package/build/*.globalconfig).</summary>
public sealed class PresetTests
{
    private const string BuildFolder = "src/StorageAnalyzers.Package/build";

    private static readonly Regex SeverityEntry = new(@"^dotnet_diagnostic\.(?<id>\w+)\.severity\s*=\s*(?<severity>\w+)\s*$", RegexOptions.Multiline);
    private static readonly Regex CategoryEntry = new(@"^dotnet_analyzer_diagnostic\.category-(?<category>\w+)\.severity\s*=\s*(?<severity>\w+)\s*$", RegexOptions.Multiline);
    private static readonly string[] Severities = ["none", "silent", "suggestion", "warning", "error"];

    private static readonly string[] ModeNames = ["default", "hotpath", "strict"];

    public static TheoryData<string> Modes => new(ModeNames);

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_preset_is_a_low_level_global_config_that_names_only_existing_rules_and_categories(string mode)
    {
        var text = Repository.Read($"{BuildFolder}/StorageAnalyzers.{mode}.globalconfig");

        Assert.Matches(new Regex(@"^is_global\s*=\s*true\s*$", RegexOptions.Multiline), text);
        // Below the project's own global configs, which must be able to override a preset.
        Assert.Matches(new Regex(@"^global_level\s*=\s*-\d+\s*$", RegexOptions.Multiline), text);
        foreach (Match entry in SeverityEntry.Matches(text))
        {
            Assert.Contains(entry.Groups["id"].Value, Rules.Descriptors.Select(d => d.Id));
            Assert.Contains(entry.Groups["severity"].Value, Severities);
        }
        foreach (Match entry in CategoryEntry.Matches(text))
        {
            Assert.Contains(entry.Groups["category"].Value, Rules.Descriptors.Select(d => d.Category));
            Assert.Contains(entry.Groups["severity"].Value, Severities);
        }
    }

    [Fact]
    public void The_default_preset_keeps_the_shipped_severities() =>
        Assert.Empty(SeverityEntry.Matches(Repository.Read($"{BuildFolder}/StorageAnalyzers.default.globalconfig"))
            .Concat(CategoryEntry.Matches(Repository.Read($"{BuildFolder}/StorageAnalyzers.default.globalconfig"))));

    [Fact]
    public void Every_preset_file_is_a_documented_mode()
    {
        var files = Directory.GetFiles(Repository.PathOf(BuildFolder), "*.globalconfig").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(ModeNames.Select(m => $"StorageAnalyzers.{m}.globalconfig").Order(StringComparer.Ordinal), files);
        Assert.All(ModeNames, m => Assert.Contains($"`{m}`", Repository.Read("README.md"), StringComparison.Ordinal));
    }
}
