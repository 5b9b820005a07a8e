using System.Text.Json;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>
/// <c>classify --format sarif</c>: a SARIF 2.1.0 log of the stack rules' findings, checked against the properties the
/// SARIF 2.1.0 schema requires and the ones code scanning reads.
/// </summary>
public sealed class SarifOutputTests
{
    private const string Source = """
        using System;

        public static class Buffers
        {
            public static int Checksum(ReadOnlySpan<byte> data)
            {
                Span<byte> block = stackalloc byte[4096];
                data.CopyTo(block);
                return block[0];
            }
        }
        """;

    [Fact]
    public void The_log_has_what_the_schema_requires()
    {
        using var folder = new TempFolder();
        folder.Write("src/Buffers.cs", Source);

        var log = Cli.Run("classify", folder.Path, "--format", "sarif").Json();

        // sarifLog: version and runs required; $schema names the schema.
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", log.GetProperty("$schema").GetString());
        var run = Assert.Single(log.GetProperty("runs").EnumerateArray());
        // run: tool required; tool: driver required; toolComponent: name required; reportingDescriptor: id required.
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("storage-analyzers", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, rule =>
        {
            Assert.Matches("^SD2[0-9]{3}$", rule.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Levels);
        });
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "SD2001");

        // result: message required (with text); level from the schema's enum; ruleIndex points at the rule.
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("SD2001", result.GetProperty("ruleId").GetString());
        Assert.Equal("SD2001", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.Contains("4096 bytes", result.GetProperty("message").GetProperty("text").GetString());

        // physicalLocation: artifactLocation (or address) required; lines and columns 1-based.
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        var artifact = location.GetProperty("artifactLocation");
        Assert.Equal("src/Buffers.cs", artifact.GetProperty("uri").GetString());
        var root = run.GetProperty("originalUriBaseIds").GetProperty(artifact.GetProperty("uriBaseId").GetString()!).GetProperty("uri").GetString();
        Assert.Equal(new Uri(folder.Path + "/").AbsoluteUri, root);
        var region = location.GetProperty("region");
        Assert.Equal(7, region.GetProperty("startLine").GetInt32());
        Assert.Equal(28, region.GetProperty("startColumn").GetInt32());
        Assert.True(region.GetProperty("endColumn").GetInt32() > region.GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Code_without_findings_gives_a_log_with_no_results()
    {
        using var folder = new TempFolder();
        folder.Write("Small.cs", "public static class Small { public static int One() { System.Span<int> one = stackalloc int[1]; return one.Length; } }");

        var log = Cli.Run("classify", folder.Path, "--format", "sarif").Json();

        Assert.Empty(log.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }

    private static readonly string[] Levels = ["none", "note", "warning", "error"];
}
