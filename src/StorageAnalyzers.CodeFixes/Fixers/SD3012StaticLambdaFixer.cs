using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD3012: mark the lambda (or anonymous method) <c>static</c>: <c>x =&gt; x + 1</c> becomes
/// <c>static x =&gt; x + 1</c>, <c>async () =&gt; ...</c> becomes <c>static async () =&gt; ...</c>. The rule reports only
/// lambdas that capture nothing, so the code means exactly what it did; the compiler now keeps it that way.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD3012StaticLambdaFixer)), Shared]
public sealed class SD3012StaticLambdaFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.StaticLambda";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.LambdaCanBeStatic);

    protected override Func<Diagnostic, CodeAction?> FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken) => diagnostic =>
    {
        // The diagnostic covers the lambda's head; the lambda is the node that spans it all.
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } lambda
            || lambda.SpanStart != diagnostic.Location.SourceSpan.Start
            || lambda.Modifiers.Any(SyntaxKind.StaticKeyword))
            return null;
        return CodeAction.Create("Make the lambda static", _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(lambda, Static(lambda)))), EquivalenceKey);
    };

    /// <summary><c>static</c> first among the modifiers, taking over the leading trivia of whatever the lambda began with.</summary>
    private static AnonymousFunctionExpressionSyntax Static(AnonymousFunctionExpressionSyntax lambda)
    {
        var firstAfterAttributes = lambda.Modifiers.Count > 0 ? lambda.Modifiers[0]
            : lambda is LambdaExpressionSyntax { AttributeLists: { Count: > 0 } attributes } ? attributes.Last().GetLastToken().GetNextToken()
            : lambda.GetFirstToken();
        var keyword = SyntaxFactory.Token(firstAfterAttributes.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        var bare = lambda.ReplaceToken(firstAfterAttributes, firstAfterAttributes.WithLeadingTrivia());
        return bare.WithModifiers(bare.Modifiers.Insert(0, keyword));
    }
}
