using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD2001 and SD2002: allocate a heap array instead. <c>Span&lt;T&gt; name = stackalloc T[count];</c> becomes
/// <c>Span&lt;T&gt; name = new T[count];</c>, and <c>Use(stackalloc T[count])</c> becomes <c>Use(new T[count])</c>.
/// An array converts to the same span and lives as long as anything can reference it, so it is always safe.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD2001HeapArrayFixer)), Shared]
public sealed class SD2001HeapArrayFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.HeapArray";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIds.StackallocTooLarge, RuleIds.UnboundedStackalloc);

    protected override Func<Diagnostic, CodeAction?> FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken) => diagnostic =>
    {
        if (StackallocSite.At(root, model, diagnostic.Location.SourceSpan, cancellationToken) is not { } site
            || !IsFixable(site, model, cancellationToken))
            return null;
        return CodeAction.Create("Allocate a heap array instead",
            _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(site.Expression, site.HeapArray(site.Count)))),
            EquivalenceKey);
    };

    /// <summary>A span local that is never reassigned, or an argument whose call still binds to the same method.</summary>
    private static bool IsFixable(StackallocSite site, SemanticModel model, CancellationToken cancellationToken) =>
        SpanLocal.Of(site, model, cancellationToken) is { } local
            ? !local.IsReassigned(model, cancellationToken)
            : IsSpanArgument(site, model, cancellationToken);

    /// <summary>
    /// A stackalloc passed straight to a span parameter. An array can pick another overload (<c>Use(int[])</c>) or
    /// defeat type inference (<c>Use&lt;T&gt;(Span&lt;T&gt;)</c>), so the call is bound again with the array.
    /// </summary>
    private static bool IsSpanArgument(StackallocSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        if (site.Expression.Parent is not ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.None, Parent: ArgumentListSyntax { Parent: ExpressionSyntax call } }
            || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
            return false;
        var withArray = call.ReplaceNode(site.Expression, site.HeapArray(site.Count));
        var rebound = model.GetSpeculativeSymbolInfo(call.SpanStart, withArray, SpeculativeBindingOption.BindAsExpression).Symbol;
        return method.Equals(rebound, SymbolEqualityComparer.Default);
    }
}
