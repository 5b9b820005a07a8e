using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD1001: tags every declared variable with its storage, size and the reason.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD1001VariableStorageAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.VariableStorage,
        title: "Variable storage",
        messageFormat: "'{0}' has {1}, {2}: {3}",
        RuleCategories.Storage,
        DiagnosticSeverity.Hidden,
        description: "Says where a variable's bytes live (static data, BSS, thread-local, stack, heap, constant or inline), how many bytes it takes and why, as the compiler really emits it.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var variable in model.Classify(c.SemanticModel, c.CancellationToken).Variables)
            {
                var properties = Properties(variable.Storage, variable.SizeBytes, variable.Kind.ToJsonValue(),
                    "referent", variable.Referent?.ToJsonValue());
                c.ReportDiagnostic(Diagnostic.Create(Rule, variable.Location, properties,
                    variable.Name, variable.Storage.Describe(), Bytes(variable.SizeBytes), variable.Reason));
            }
        });
}
