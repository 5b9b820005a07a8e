using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// Base of the SD3xxx heap rules: each picks its kind of allocation site from the classifier (one pass per file,
/// shared by every rule) and reports it with what is allocated, the bytes and why. SD3001-SD3010 are suggestions;
/// SD3013 reports the same sites inside code marked [HotPath] or [PerformanceSensitive] as warnings. A rule of its own
/// (rather than raising the severity per diagnostic) because command-line builds skip analyzers whose rules are all
/// hidden or info: only a warning-level rule makes hot-path allocations fail a CI build.
/// </summary>
public abstract class HeapAllocationAnalyzer : StorageAnalyzer
{
    /// <summary>Message: "{0} allocates {1}{2}: {3}" — what, bytes, ", per loop iteration", why.</summary>
    protected const string MessageFormat = "{0} allocates {1}{2}: {3}";

    protected abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected abstract bool Matches(AllocationSite site, SyntaxNode node);

    /// <summary>
    /// The one kind of site the rule reports, when <see cref="Matches"/> looks at nothing else: the sites of other kinds
    /// are then skipped before their syntax node is looked up (each of these rules sees every site of the file).
    /// </summary>
    protected virtual AllocationKind? OnlyKind => null;

    /// <summary>A cheap syntax-only check that lets a rule skip classifying a file it cannot report in.</summary>
    protected virtual bool MayReport(SyntaxNode root) => true;

    /// <summary>The words that name what is allocated ("boxing of int").</summary>
    protected abstract string Describe(AllocationSite site);

    protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterSemanticModelAction(c =>
        {
            var root = c.SemanticModel.SyntaxTree.GetRoot(c.CancellationToken);
            if (!MayReport(root)) return;
            var onlyKind = OnlyKind;
            foreach (var site in model.Classify(c.SemanticModel, c.CancellationToken).Allocations)
            {
                if (site.Storage != StorageClass.Dynamic || site.ElidedByJit) continue;
                if (onlyKind is { } kind && site.Kind != kind) continue;
                var node = root.FindNode(site.Location.SourceSpan, getInnermostNodeForTie: true);
                if (!Matches(site, node) || RunsOncePerType(node)) continue;
                // .NET 9+ escape analysis may keep a non-escaping object on the stack: "likely".
                bool likely = site.SizeBytes is not null && site.Certainty == AllocationCertainty.Emitted
                    && site.Kind is AllocationKind.Object or AllocationKind.Array or AllocationKind.AnonymousType;
                c.ReportDiagnostic(Diagnostic.Create(Rule, site.Location, Rule.DefaultSeverity, additionalLocations: null,
                    Properties(site.Storage, site.SizeBytes, site.Kind.ToJsonValue(), "inLoop", site.InLoop ? "true" : "false",
                        "certainty", site.Certainty == AllocationCertainty.Emitted ? "emitted" : "runtime"),
                    Describe(site), site.SizeBytes is { } size ? ByteCount(size, likely) : "a size known at run time",
                    site.InLoop ? ", per loop iteration" : "", site.Reason));
            }
        });

    /// <summary>
    /// Static field and property initializers and static constructors run once per type: what they allocate is
    /// static data's referent, not a cost per call (SD1002 still tags it).
    /// </summary>
    private static bool RunsOncePerType(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case ConstructorDeclarationSyntax constructor:
                    return constructor.Modifiers.Any(SyntaxKind.StaticKeyword);
                case BaseFieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.StaticKeyword) || field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case PropertyDeclarationSyntax property when property.Initializer?.Span.Contains(node.Span) == true:
                    return property.Modifiers.Any(SyntaxKind.StaticKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    /// <summary>"a" or "an" before a word, for messages.</summary>
    protected static string Article(string word) =>
        word.Length > 0 && "AEIOUaeiou".IndexOf(word[0]) >= 0 ? "an " + word : "a " + word;

    protected static DiagnosticDescriptor Create(string id, string title, string description) =>
        Descriptors.Create(id, title, MessageFormat, RuleCategories.Heap, DiagnosticSeverity.Info, description);
}
