using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Tests.Conventions;

/// <summary>What every analyzer in the package must do, checked once for all of them.</summary>
public sealed class AnalyzerConventionTests
{
    public static TheoryData<string> AnalyzerNames => new(Rules.AnalyzerTypes.Select(t => t.Name));

    [Fact]
    public void The_assembly_has_analyzers() => Assert.NotEmpty(Rules.AnalyzerTypes);

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void An_analyzer_is_sealed_CSharp_and_named_after_its_one_rule(string name)
    {
        var type = Rules.AnalyzerTypes.Single(t => t.Name == name);
        var analyzer = Rules.Analyzers.Single(a => a.GetType() == type);

        Assert.True(type.IsSealed, $"{name} should be sealed");
        var attribute = Assert.Single(type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Cast<DiagnosticAnalyzerAttribute>());
        Assert.Equal([LanguageNames.CSharp], attribute.Languages);

        var descriptor = Assert.Single(analyzer.SupportedDiagnostics);
        Assert.Matches($"^{descriptor.Id}[A-Z][A-Za-z]*Analyzer$", name);
        // The ID leads to the source file by name alone.
        Assert.True(File.Exists(Repository.PathOf($"src/StorageAnalyzers/Rules/{name}.cs")), $"src/StorageAnalyzers/Rules/{name}.cs should hold {name}");
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void An_analyzer_runs_concurrently_and_skips_generated_code(string name)
    {
        var analyzer = Rules.Analyzers.Single(a => a.GetType().Name == name);
        var context = new RecordingAnalysisContext();

        analyzer.Initialize(context);

        Assert.True(context.ConcurrentExecutionEnabled, $"{name}.Initialize should enable concurrent execution");
        Assert.Equal(GeneratedCodeAnalysisFlags.None, context.GeneratedCode);
    }

    [Fact]
    public void Every_rule_ID_belongs_to_one_analyzer_and_follows_the_ranges()
    {
        var ids = Rules.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Distinct(StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Matches("^SD[12349][0-9]{3}$", id));

        var declared = typeof(RuleIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);
        Assert.Equal(declared, ids);
    }
}
