using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// Base of the SD3xxx heap rules: each picks its kind of allocation site from the classifier (one pass per file,
/// shared by every rule) and reports it with what is allocated, the bytes and why. Suggestions by default; warnings
/// inside code marked [HotPath] or [PerformanceSensitive].
/// </summary>
public abstract class HeapAllocationAnalyzer : StorageAnalyzer
{
    /// <summary>Message: "{0} allocates {1}{2}: {3}" — what, bytes, ", per loop iteration", why.</summary>
    protected const string MessageFormat = "{0} allocates {1}{2}: {3}";

    protected abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected abstract bool Matches(AllocationSite site, SyntaxNode node);

    /// <summary>The words that name what is allocated ("boxing of int").</summary>
    protected abstract string Describe(AllocationSite site);

    protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSemanticModelAction(c =>
        {
            var root = c.SemanticModel.SyntaxTree.GetRoot(c.CancellationToken);
            foreach (var site in model.Classify(c.SemanticModel, c.CancellationToken).Allocations)
            {
                if (site.Storage != StorageClass.Dynamic) continue;
                var node = root.FindNode(site.Location.SourceSpan, getInnermostNodeForTie: true);
                if (!Matches(site, node)) continue;
                var severity = HotPaths.Contains(node) ? DiagnosticSeverity.Warning : Rule.DefaultSeverity;
                var bytes = site.SizeBytes is { } size ? $"{size.ToString(CultureInfo.InvariantCulture)} bytes" : "a size known at run time";
                if (site.Certainty == AllocationCertainty.Emitted && site.Kind is AllocationKind.Object or AllocationKind.Array or AllocationKind.AnonymousType)
                    bytes = "likely " + bytes; // .NET 9+ escape analysis may keep a non-escaping object on the stack
                c.ReportDiagnostic(Diagnostic.Create(Rule, site.Location, severity, additionalLocations: null,
                    Properties(site.Storage, site.SizeBytes).Add("kind", site.Kind.ToJsonValue()).Add("inLoop", site.InLoop ? "true" : "false")
                        .Add("certainty", site.Certainty == AllocationCertainty.Emitted ? "emitted" : "runtime"),
                    Describe(site), bytes, site.InLoop ? ", per loop iteration" : "", site.Reason));
            }
        });

    protected static DiagnosticDescriptor Create(string id, string title, string description) =>
        Descriptors.Create(id, title, MessageFormat, RuleCategories.Heap, DiagnosticSeverity.Info, description);
}
