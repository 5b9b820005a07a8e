using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>SD1002: tags every allocation site (heap objects, stack buffers, image data) with storage, size and reason.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD1002AllocationSiteAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.AllocationSite,
        title: "Allocation site",
        messageFormat: "{0} of {1}: {2}, {3}{4}: {5}",
        RuleCategories.Storage,
        DiagnosticSeverity.Hidden,
        description: "Marks each place that creates storage: heap objects, arrays, boxes, closures, delegates, strings, state machines, stack buffers and data in the assembly image, with the size in bytes and why the compiler puts it there.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var site in model.Classify(c.SemanticModel, c.CancellationToken).Allocations)
            {
                var properties = Properties(site.Storage, site.SizeBytes, site.Kind.ToJsonValue(),
                    "inLoop", site.InLoop ? "true" : "false");
                c.ReportDiagnostic(Diagnostic.Create(Rule, site.Location, properties,
                    site.Kind.ToJsonValue(), site.TypeName, site.Storage.Describe(), Bytes(site.SizeBytes),
                    site.InLoop ? ", per loop iteration" : "", site.Reason));
            }
        });
}
