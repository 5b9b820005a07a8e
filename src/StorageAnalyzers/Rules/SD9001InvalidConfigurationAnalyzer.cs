using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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
        description: "A storage_analyzers.* key (or its MSBuild property) has a value the analyzers cannot use.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(compilation =>
        {
            var options = StorageOptions.Read(compilation.Options);
            if (options.InvalidKey is null) return;
            compilation.ReportDiagnostic(Diagnostic.Create(Rule, Location.None,
                options.InvalidKey, options.InvalidValue, "the pointer size is 8 (64-bit) or 4 (32-bit)", StorageOptions.DefaultPointerSize));
        });
    }
}
