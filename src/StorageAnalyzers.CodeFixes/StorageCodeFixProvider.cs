using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace StorageAnalyzers.CodeFixes;

/// <summary>
/// What every fixer here does alike: it reads the document's syntax and semantics once per request, offers at most one
/// fix per diagnostic, and fixes all in a batch.
/// </summary>
public abstract class StorageCodeFixProvider : CodeFixProvider
{
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var cancellationToken = context.CancellationToken;
        var root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || FixesIn(context.Document, root, model, cancellationToken) is not { } fix) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (fix(diagnostic) is { } action) context.RegisterCodeFix(action, diagnostic);
        }
    }

    /// <summary>
    /// The fix for each diagnostic in <paramref name="document"/> (null where there is none); or null for the whole
    /// document when it lacks what every fix needs (a type, a language version), so that is checked once, not per diagnostic.
    /// </summary>
    protected abstract Func<Diagnostic, CodeAction?>? FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken);
}
