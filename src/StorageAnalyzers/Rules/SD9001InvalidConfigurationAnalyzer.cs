using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Rules;

/// <summary>SD9001: a configuration value that cannot be used is reported once per compilation; the default applies.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD9001InvalidConfigurationAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.InvalidConfiguration,
        title: "Invalid StorageAnalyzers configuration value",
        messageFormat: "'{0}' has the value '{1}', which is not valid: {2}; the default {3} is used",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        description: "A storage_analyzers.* key, a per-rule SDxxxx.* key or its MSBuild property has a value the analyzers cannot use.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(compilation =>
        {
            var provider = compilation.Options.AnalyzerConfigOptionsProvider;
            var seen = new HashSet<(string, string)>();
            Check(Settings.PointerSize);
            foreach (var size in Settings.Sizes) Check(size);
            Check(Settings.FrameShare);

            void Check<T>(Setting<T> setting) where T : struct
            {
                // The global options, then each file's .editorconfig view; each bad (key, value) once.
                var sources = new List<AnalyzerConfigOptions> { provider.GlobalOptions };
                foreach (var tree in compilation.Compilation.SyntaxTrees) sources.Add(provider.GetOptions(tree));
                foreach (var options in sources)
                {
                    foreach (var (key, value) in setting.InvalidValues(options))
                    {
                        if (seen.Add((key, value)))
                            compilation.ReportDiagnostic(Diagnostic.Create(Rule, Location.None, key, value, setting.Expectation, setting.DefaultText));
                    }
                }
            }
        });
    }
}
