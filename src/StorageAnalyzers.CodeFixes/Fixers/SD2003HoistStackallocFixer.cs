using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD2003: hoist a constant-size <c>Span&lt;T&gt; name = stackalloc T[K];</c> out of the loop whose body declares it,
/// to just before that loop, so the buffer is allocated once. Where the stackalloc zeroed the buffer on every
/// iteration, <c>name.Clear();</c> stays in its place to keep doing so.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD2003HoistStackallocFixer)), Shared]
public sealed class SD2003HoistStackallocFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.HoistStackalloc";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.StackallocInLoop);

    protected override Func<Diagnostic, CodeAction?> FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken) => diagnostic =>
    {
        if (StackallocSite.At(root, model, diagnostic.Location.SourceSpan, cancellationToken) is not { } site
            || !site.HasConstantCount(model, cancellationToken)
            || SpanLocal.Of(site, model, cancellationToken) is not { Block.Parent: StatementSyntax loop } local
            || !Loops.IsLoop(loop) || loop.Parent is not BlockSyntax
            || local.IsReassigned(model, cancellationToken)
            || Loops.UsesLocalsOf(loop, local.Stackalloc.Expression, model, cancellationToken)
            || !Loops.IsNameFreeBefore(local.Symbol, local.Declarator, model, cancellationToken))
            return null;
        return CodeAction.Create("Hoist the stackalloc out of the loop", c => HoistAsync(document, local, loop, c), EquivalenceKey);
    };

    private static async Task<Document> HoistAsync(Document document, SpanLocal local, StatementSyntax loop, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var statement = local.Statement!;
        editor.InsertBefore(loop, statement.WithAdditionalAnnotations(Formatter.Annotation));
        // A read-only span of zeros stays zeros; a writable one is cleared where each iteration used to get fresh zeros.
        if (!local.IsReadOnly && local.Stackalloc.IsZeroed(editor.SemanticModel, cancellationToken))
        {
            var generator = editor.Generator;
            editor.ReplaceNode(statement, generator.ExpressionStatement(generator.InvocationExpression(
                generator.MemberAccessExpression(generator.IdentifierName(local.Name), "Clear"))).WithAdditionalAnnotations(Formatter.Annotation));
        }
        else
            editor.RemoveNode(statement);
        return editor.GetChangedDocument();
    }
}
