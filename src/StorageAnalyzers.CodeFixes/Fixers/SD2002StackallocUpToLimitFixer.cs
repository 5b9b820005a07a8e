using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using StorageAnalyzers.Core;
using StorageAnalyzers.Rules;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD2002: stackalloc up to the limit, the heap above it. <c>Span&lt;T&gt; name = stackalloc T[count];</c> becomes
/// <c>Span&lt;T&gt; name = count &lt;= K ? stackalloc T[K] : new T[count]; name = name.Slice(0, count);</c> where K is
/// the stackalloc limit in elements. Only for run-time counts: SD2001's constant counts over the limit would always
/// take the heap branch, which is <see cref="SD2001HeapArrayFixer"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD2002StackallocUpToLimitFixer)), Shared]
public sealed class SD2002StackallocUpToLimitFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.StackallocUpToLimit";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnboundedStackalloc);

    protected override Func<Diagnostic, CodeAction?> FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken) => diagnostic =>
    {
        if (StackallocSite.At(root, model, diagnostic.Location.SourceSpan, cancellationToken) is not { } site
            || site.HasConstantCount(model, cancellationToken)
            || SpanLocal.Of(site, model, cancellationToken) is not { Block: not null } local
            || ElementsWithinLimit(diagnostic, site, model) is not { } k)
            return null;
        return CodeAction.Create($"Use stackalloc up to {k} x {site.ElementType.ToMinimalDisplayString(model, site.Expression.SpanStart)}, the heap above",
            c => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(local.Block!,
                Split(local, k, SyntaxGenerator.GetGenerator(document), model, c)))),
            EquivalenceKey);
    };

    /// <summary>
    /// The limit from the diagnostic, in elements. Sizes are taken with 8-byte pointers (the model's default): an
    /// element is never larger on 32-bit, so K elements stay within the limit there too.
    /// </summary>
    private static int? ElementsWithinLimit(Diagnostic diagnostic, StackallocSite site, SemanticModel model)
    {
        if (!diagnostic.Properties.TryGetValue(StackallocProperties.StackallocLimit, out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            return null;
        var layout = StorageModel.For(model.Compilation).Layout;
        if (!layout.IsKnown(site.ElementType)) return null;
        long k = limit / layout.SizeOf(site.ElementType).Size;
        return k is >= 1 and <= int.MaxValue ? (int)k : null;
    }

    private static BlockSyntax Split(SpanLocal local, int k, SyntaxGenerator generator, SemanticModel model, CancellationToken cancellationToken)
    {
        var site = local.Stackalloc;
        var statement = local.Statement!;
        var replacement = new List<SyntaxNode>();
        var count = site.Count.WithoutTrivia();
        if (!site.HasStableCount(model, cancellationToken))
        {
            // The count is compared, allocated and sliced: evaluate it once, as the stackalloc did.
            var length = FreshNames.Pick(local.Name + "Length", FreshNames.Used(FreshNames.Scope(statement)));
            replacement.Add(generator.LocalDeclarationStatement(generator.TypeExpression(SpecialType.System_Int32), length, count)
                .WithLeadingTrivia(statement.GetLeadingTrivia()));
            count = SyntaxFactory.IdentifierName(length);
        }
        var limit = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(k));
        var initializer = SyntaxFactory.ConditionalExpression(
            SyntaxFactory.BinaryExpression(SyntaxKind.LessThanOrEqualExpression, count, limit),
            site.Expression.ReplaceNode(site.Count, limit).WithoutTrivia(),
            site.HeapArray(count).WithoutTrivia());
        var declaration = statement.ReplaceNode(site.Expression, initializer.WithTriviaFrom(site.Expression));
        replacement.Add(replacement.Count == 0 ? declaration : declaration.WithoutLeadingTrivia());
        var name = generator.IdentifierName(local.Name);
        replacement.Add(generator.ExpressionStatement(generator.AssignmentStatement(name,
            generator.InvocationExpression(generator.MemberAccessExpression(name, "Slice"), generator.LiteralExpression(0), count))));
        var annotated = replacement.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).Cast<StatementSyntax>();
        return local.Block!.WithStatements(local.Block.Statements.ReplaceRange(statement, annotated));
    }
}
