using System;
using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD4001: <c>private static readonly byte[] Magic = { 0x89, 0x50 };</c> becomes
/// <c>private static ReadOnlySpan&lt;byte&gt; Magic =&gt; [0x89, 0x50];</c> (<c>=&gt; new byte[] { ... }</c> before
/// C# 12, which the compiler points into the image just the same). Uses stay as written (the rule reports only fields
/// whose uses mean the same on a span) except <c>Magic.AsSpan()</c>, which becomes <c>Magic</c>, and
/// <c>Magic.AsSpan(start[, length])</c>, which becomes <c>Magic.Slice(start[, length])</c>, in every file of a partial
/// type. <c>using System;</c> is added where missing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD4001ReadOnlySpanPropertyFixer)), Shared]
public sealed class SD4001ReadOnlySpanPropertyFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.ReadOnlySpanProperty";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.StaticArrayAsSpan);

    protected override Func<Diagnostic, CodeAction?>? FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName("System.ReadOnlySpan`1") is not { } readOnlySpan) return null;
        return diagnostic =>
        {
            if (root.FindNode(diagnostic.Location.SourceSpan) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field }
                || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol { Type: IArrayTypeSymbol arrayType } symbol
                || Elements(initializer.Value) is not { } elements)
                return null;
            return CodeAction.Create($"Make '{symbol.Name}' a ReadOnlySpan<{arrayType.ElementType.ToMinimalDisplayString(model, declarator.SpanStart)}> property",
                c => ToPropertyAsync(document, field, elements, symbol, readOnlySpan.Construct(arrayType.ElementType), c), EquivalenceKey);
        };
    }

    /// <summary>The element list of <c>{ ... }</c>, <c>new T[] { ... }</c>, <c>new[] { ... }</c> or <c>[ ... ]</c>.</summary>
    private static SeparatedSyntaxList<ExpressionSyntax>? Elements(ExpressionSyntax value) => value switch
    {
        InitializerExpressionSyntax list => list.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } list } => list.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: var list } => list.Expressions,
        CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) =>
            SyntaxFactory.SeparatedList(collection.Elements.Select(e => ((ExpressionElementSyntax)e).Expression), collection.Elements.GetSeparators()),
        _ => null,
    };

    private static async Task<Solution> ToPropertyAsync(Document document, FieldDeclarationSyntax field, SeparatedSyntaxList<ExpressionSyntax> elements,
        IFieldSymbol symbol, INamedTypeSymbol spanType, CancellationToken cancellationToken)
    {
        var original = document.Project.Solution;
        var solution = original;
        // A partial type's other files may call AsSpan on the field too. Each is read in the original solution, where
        // the name still binds to the field.
        foreach (var tree in symbol.ContainingType.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct())
        {
            if (original.GetDocument(tree) is not { } part) continue;
            var editor = await DocumentEditor.CreateAsync(part, cancellationToken).ConfigureAwait(false);
            foreach (var call in AsSpanCalls(await part.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false), symbol, editor.SemanticModel, cancellationToken))
            {
                var access = (MemberAccessExpressionSyntax)call.Expression;
                editor.ReplaceNode(call, call.ArgumentList.Arguments.Count == 0
                    ? access.Expression.WithTriviaFrom(call)
                    : call.WithExpression(access.WithName(SyntaxFactory.IdentifierName("Slice"))));
            }
            if (part.Id == document.Id) editor.ReplaceNode(field, Property(field, elements, spanType, editor.Generator));
            var changed = await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = solution.WithDocumentSyntaxRoot(part.Id, (await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!);
        }
        return solution;
    }

    private static IEnumerable<InvocationExpressionSyntax> AsSpanCalls(SyntaxNode? root, IFieldSymbol field, SemanticModel model, CancellationToken cancellationToken) =>
        root is null ? Enumerable.Empty<InvocationExpressionSyntax>() : References.Of(field, root, model, cancellationToken)
            .Select(name => name.Parent is MemberAccessExpressionSyntax { Name: var member } qualified && member == name ? qualified : (ExpressionSyntax)name)
            .Select(target => target.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsSpan", Parent: InvocationExpressionSyntax call } access
                && access.Expression == target ? call : null)
            .OfType<InvocationExpressionSyntax>()
            .ToList();

    /// <summary>
    /// The field's declaration as an expression-bodied property: its modifiers without <c>readonly</c>, the span type,
    /// the same name, and its constants as a collection expression (C# 12+) or an array creation.
    /// </summary>
    private static PropertyDeclarationSyntax Property(FieldDeclarationSyntax field, SeparatedSyntaxList<ExpressionSyntax> elements,
        INamedTypeSymbol spanType, SyntaxGenerator generator)
    {
        var declarator = field.Declaration.Variables[0];
        var readOnly = field.Modifiers[field.Modifiers.IndexOf(SyntaxKind.ReadOnlyKeyword)];
        // `static` always stays, so whatever follows `readonly` can take over its leading trivia.
        var modifiers = field.Modifiers.Remove(readOnly);
        if (readOnly == field.Modifiers[0]) modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(readOnly.LeadingTrivia));
        var type = ((TypeSyntax)generator.TypeExpression(spanType)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation).WithTriviaFrom(field.Declaration.Type);
        var equals = declarator.Initializer!.EqualsToken;
        var arrow = SyntaxFactory.Token(equals.LeadingTrivia, SyntaxKind.EqualsGreaterThanToken, equals.TrailingTrivia);
        return SyntaxFactory.PropertyDeclaration(field.AttributeLists, modifiers, type, null, declarator.Identifier, null,
            SyntaxFactory.ArrowExpressionClause(arrow, Constants(field, elements)), null, field.SemicolonToken);
    }

    /// <summary><c>[a, b]</c>, or <c>new T[] { a, b }</c> before C# 12; on one line the brackets hug the elements.</summary>
    private static ExpressionSyntax Constants(FieldDeclarationSyntax field, SeparatedSyntaxList<ExpressionSyntax> elements)
    {
        var value = field.Declaration.Variables[0].Initializer!.Value;
        bool oneLine = value.ToString().IndexOf('\n') < 0;
        var items = oneLine
            ? SyntaxFactory.SeparatedList(elements.Select(e => e.WithoutTrivia()),
                elements.GetSeparators().Take(elements.Count - 1).Select(s => s.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space)))
            : elements;
        if (((CSharpParseOptions)field.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp12)
        {
            var arrayType = (ArrayTypeSyntax)field.Declaration.Type.WithoutTrivia();
            return SyntaxFactory.ArrayCreationExpression(arrayType.WithTrailingTrivia(SyntaxFactory.Space))
                .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, items));
        }
        var collection = SyntaxFactory.CollectionExpression(SyntaxFactory.SeparatedList<CollectionElementSyntax>(
            items.Select(SyntaxFactory.ExpressionElement), items.GetSeparators()));
        if (oneLine) return collection;
        // Multi-line: the brackets take the braces' line breaks and comments (and those of `new T[]` before the brace).
        var (open, close) = value switch
        {
            InitializerExpressionSyntax list => (list.OpenBraceToken, list.CloseBraceToken),
            ArrayCreationExpressionSyntax array => (array.Initializer!.OpenBraceToken, array.Initializer.CloseBraceToken),
            ImplicitArrayCreationExpressionSyntax array => (array.Initializer.OpenBraceToken, array.Initializer.CloseBraceToken),
            _ => (((CollectionExpressionSyntax)value).OpenBracketToken, ((CollectionExpressionSyntax)value).CloseBracketToken),
        };
        var openLeading = open == value.GetFirstToken() ? open.LeadingTrivia : open.GetPreviousToken().TrailingTrivia.AddRange(open.LeadingTrivia);
        return collection
            .WithOpenBracketToken(SyntaxFactory.Token(openLeading, SyntaxKind.OpenBracketToken, open.TrailingTrivia))
            .WithCloseBracketToken(SyntaxFactory.Token(close.LeadingTrivia, SyntaxKind.CloseBracketToken, close.TrailingTrivia));
    }
}
