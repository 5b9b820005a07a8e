using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Benchmarks.Corpora;

/// <summary>
/// Source to measure: one or more projects whose trees are parsed once; every measurement compiles them afresh.
/// <paramref name="Targeted"/> corpora are the ones the build targets are checked on.
/// </summary>
internal sealed record Corpus(string Name, ImmutableArray<CorpusProject> Projects, bool Targeted)
{
    public int Files => Projects.Sum(p => p.Trees.Length);

    public int Lines => Projects.Sum(p => p.Trees.Sum(t => t.GetText().Lines.Count));

    public IEnumerable<SyntaxTree> Trees => Projects.SelectMany(p => p.Trees);
}

/// <summary>One compilation's worth of parsed trees, references and options.</summary>
internal sealed record CorpusProject(string Name, ImmutableArray<SyntaxTree> Trees, ImmutableArray<MetadataReference> References,
    CSharpCompilationOptions Options, ImmutableArray<SyntaxTree> ExtraTrees = default)
{
    /// <summary>A new compilation over the same parsed trees: nothing bound yet.</summary>
    public CSharpCompilation Fresh(ImmutableDictionary<string, ReportDiagnostic>? specificOptions = null)
    {
        var options = specificOptions is null ? Options : Options.WithSpecificDiagnosticOptions(specificOptions);
        var trees = ExtraTrees.IsDefaultOrEmpty ? Trees : Trees.AddRange(ExtraTrees);
        return CSharpCompilation.Create(Name, trees, References, options);
    }

    /// <summary>Compilation options with every tree measured as user code (see <see cref="UserCode"/>).</summary>
    public static CSharpCompilationOptions LibraryOptions(bool allowUnsafe = true) =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: false)
            .WithSyntaxTreeOptionsProvider(UserCode.Instance);
}

/// <summary>
/// Every tree is user code, as <c>generated_code = false</c> in an .editorconfig makes it: third-party sources start
/// with <c>// &lt;auto-generated /&gt;</c>, which analyzers (ours included) otherwise skip, and then the benchmark would
/// measure nothing. The compiler reads the flag from the tree options; analyzers may read it from their options.
/// </summary>
internal sealed class UserCode : SyntaxTreeOptionsProvider
{
    public static readonly UserCode Instance = new();

    public static readonly AnalyzerOptions AnalyzerOptions = new(ImmutableArray<AdditionalText>.Empty, new Provider());

    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
    {
        severity = ReportDiagnostic.Default;
        return false;
    }

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
    {
        severity = ReportDiagnostic.Default;
        return false;
    }

    private sealed class Provider : AnalyzerConfigOptionsProvider
    {
        private static readonly Options NotGenerated = new(ImmutableDictionary<string, string>.Empty.Add("generated_code", "false"));
        private static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => Empty;
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => NotGenerated;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        public override IEnumerable<string> Keys => values.Keys;
    }
}
