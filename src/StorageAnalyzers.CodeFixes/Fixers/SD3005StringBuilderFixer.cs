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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD3005 on <c>text += part;</c> in a loop, which copies the whole string every time: build it in a
/// <c>StringBuilder</c>. <c>var textBuilder = new StringBuilder(text);</c> goes before the innermost loop, every
/// <c>text += part;</c> in it becomes <c>textBuilder.Append(part);</c>, and <c>text = textBuilder.ToString();</c>
/// follows the loop (<c>using System.Text;</c> is added where missing).
/// <para>
/// Offered for a string local declared outside the loop that the loop uses only on the left of those statements, so
/// nothing in it can see the string before the loop ends; that is never <c>null</c> (every value it is ever given is
/// a non-null constant, an interpolation, a concatenation or <c>string.Empty</c>: a builder would turn a null left by
/// an empty loop into ""); that no lambda, local function, <c>ref</c>, <c>catch</c> or <c>finally</c> can observe
/// half-built; when no other loop appends to it; and when the loop has no <c>goto</c> that would skip the final
/// assignment and is not inside a <c>try</c> with a <c>catch</c> (which would go on with a half-built string). Each appended value must
/// pick an <c>Append</c> overload that writes what concatenation writes (<c>string</c>, <c>object</c>, <c>char</c>,
/// <c>bool</c>, a number, an interpolated string): <c>Append(char[])</c> would write the characters where
/// concatenation writes <c>System.Char[]</c>.
/// </para>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD3005StringBuilderFixer)), Shared]
public sealed class SD3005StringBuilderFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.StringBuilder";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.StringBuilding);

    protected override Func<Diagnostic, CodeAction?>? FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName("System.Text.StringBuilder") is not { } builderType) return null;
        return diagnostic =>
        {
            if (!AllocationDiagnostic.IsInLoop(diagnostic)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax
                    { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: IdentifierNameSyntax target, Parent: ExpressionStatementSyntax }
                || model.GetSymbolInfo(target, cancellationToken).Symbol is not ILocalSymbol { Type.SpecialType: SpecialType.System_String, RefKind: RefKind.None, IsConst: false } local
                || Loops.Enclosing(target) is not { Parent: BlockSyntax } loop
                || local.DeclaringSyntaxReferences.Any(r => loop.Span.Contains(r.Span))
                || Appends(local, loop, model, cancellationToken) is not { } appends
                || appends.Any(a => !AppendsWhatConcatenationWrites(a.Right, model)))
                return null;
            return CodeAction.Create("Build the string with a StringBuilder", c => UseBuilderAsync(document, local, loop, appends, builderType, c), EquivalenceKey);
        };
    }

    /// <summary>The <c>local += value;</c> statements of the loop, when the conditions above hold; else null.</summary>
    private static List<AssignmentExpressionSyntax>? Appends(ILocalSymbol local, StatementSyntax loop, SemanticModel model, CancellationToken cancellationToken)
    {
        var function = References.FunctionOf(loop);
        if (loop.DescendantNodes().OfType<GotoStatementSyntax>().Any(g => g.IsKind(SyntaxKind.GotoStatement))) return null;
        // An exception caught around the loop would go on with the string as built so far; the builder would not have set it.
        if (loop.Ancestors().TakeWhile(a => a != function).Any(a => a is TryStatementSyntax { Catches.Count: > 0 } attempt && attempt.Block.Span.Contains(loop.Span)))
            return null;
        var appends = new List<AssignmentExpressionSyntax>();
        foreach (var use in References.Of(local, FreshNames.Scope(loop), model, cancellationToken))
        {
            if (References.FunctionOf(use) != function
                || use.Ancestors().TakeWhile(a => a != function).Any(a => a is CatchClauseSyntax or FinallyClauseSyntax)
                || use.Parent is RefExpressionSyntax
                || use.Parent is ArgumentSyntax argument && (!argument.RefKindKeyword.IsKind(SyntaxKind.None) || argument.Parent is TupleExpressionSyntax))
                return null;
            bool isAppend = use.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Parent: ExpressionStatementSyntax } add && add.Left == use;
            if (loop.Span.Contains(use.Span))
            {
                if (!isAppend) return null;
                appends.Add((AssignmentExpressionSyntax)use.Parent!);
            }
            else if (isAppend && Loops.Enclosing(use) is not null)
                return null; // a second loop's builder (Fix All makes both at once) would need its own name and must start after this one ends
            else if (use.Parent is AssignmentExpressionSyntax assignment && assignment.Left == use && !isAppend
                     && !(assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsNeverNull(assignment.Right, model, cancellationToken)))
                return null;
        }
        var declarator = local.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<VariableDeclaratorSyntax>().FirstOrDefault();
        return declarator?.Initializer is { } initializer && IsNeverNull(initializer.Value, model, cancellationToken) ? appends : null;
    }

    private static bool IsNeverNull(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) => model.GetOperation(value, cancellationToken) switch
    {
        { ConstantValue: { HasValue: true, Value: string } } => true,
        IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => true,
        IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } } => true,
        _ => false,
    };

    /// <summary>The <c>Append</c> overload <paramref name="value"/> binds to writes the text concatenation would.</summary>
    private static bool AppendsWhatConcatenationWrites(ExpressionSyntax value, SemanticModel model)
    {
        var probe = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName("System.Text.StringBuilder"), SyntaxFactory.ArgumentList(), null),
                SyntaxFactory.IdentifierName("Append")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value.WithoutTrivia()))));
        if (model.GetSpeculativeSymbolInfo(value.SpanStart, probe, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol { Parameters.Length: 1 } append)
            return false;
        var parameter = append.Parameters[0].Type;
        return parameter.Name == "AppendInterpolatedStringHandler" || parameter.SpecialType is SpecialType.System_String or SpecialType.System_Object
            or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
            or SpecialType.System_Decimal;
    }

    private static async Task<Document> UseBuilderAsync(Document document, ILocalSymbol local, StatementSyntax loop,
        List<AssignmentExpressionSyntax> appends, INamedTypeSymbol builderType, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var name = FreshNames.Pick(local.Name + "Builder", FreshNames.Used(FreshNames.Scope(loop)));
        var text = generator.IdentifierName(local.Name);
        var builder = generator.IdentifierName(name);
        var type = generator.TypeExpression(builderType).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);
        editor.InsertBefore(loop, generator.LocalDeclarationStatement(name, generator.ObjectCreationExpression(type, text))
            .WithAdditionalAnnotations(Formatter.Annotation));
        foreach (var append in appends)
        {
            editor.ReplaceNode(append, generator.InvocationExpression(generator.MemberAccessExpression(builder, "Append"), append.Right.WithoutTrivia())
                .WithTriviaFrom(append));
        }
        editor.InsertAfter(loop, generator.ExpressionStatement(generator.AssignmentStatement(text,
            generator.InvocationExpression(generator.MemberAccessExpression(builder, "ToString"))))
            .WithoutLeadingTrivia().WithAdditionalAnnotations(Formatter.Annotation)); // the loop's own line break ends the line before
        return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
