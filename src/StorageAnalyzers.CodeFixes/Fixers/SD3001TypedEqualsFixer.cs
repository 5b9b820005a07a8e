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
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD3001 on an equality test that boxes through <c>Equals(object)</c>: compare with the typed form.
/// <list type="bullet">
/// <item><c>Equals(a, b)</c> or <c>object.Equals(a, b)</c> on two values of one struct type <c>T</c> that has a public
/// <c>Equals(T)</c> (<c>IEquatable&lt;T&gt;</c>: every primitive, <c>DateTime</c>, <c>Guid</c>, most user structs)
/// becomes <c>a.Equals(b)</c>: a struct is never null, and by the <c>IEquatable&lt;T&gt;</c> contract both overloads
/// agree (for <c>double</c> too: <c>NaN.Equals(NaN)</c> is true either way).</item>
/// <item>On an enum, <c>Equals(a, b)</c> and <c>a.Equals(b)</c> (which also boxes <c>a</c>) become <c>a == b</c>:
/// <c>Enum.Equals</c> is true for the same type and value, which is what <c>==</c> compares.</item>
/// </list>
/// Only when both sides have exactly the type <c>T</c> (not <c>T?</c>, not another type, where <c>Equals(object)</c>
/// answers false).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD3001TypedEqualsFixer)), Shared]
public sealed class SD3001TypedEqualsFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.TypedEquals";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.Boxing);

    protected override Func<Diagnostic, CodeAction?> FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken) => diagnostic =>
    {
        if (AllocationDiagnostic.BoxingCall(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } call
            || model.GetOperation(call, cancellationToken) is not IInvocationOperation { TargetMethod: { Name: "Equals", Parameters.Length: > 0 } method } invocation
            || method.Parameters.Last().Type.SpecialType != SpecialType.System_Object
            || Operands(invocation) is not ({ } left, { } right)
            || TypedEquality(left, right, isStatic: invocation.Instance is null, model, call.SpanStart, cancellationToken) is not { } replacement)
            return null;
        return CodeAction.Create(replacement is BinaryExpressionSyntax ? "Compare with == (no boxing)" : "Call the typed Equals (no boxing)",
            _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(call, replacement.WithTriviaFrom(call)))), EquivalenceKey);
    };

    /// <summary>
    /// The two values compared, as written and both of one value type: <c>object.Equals(a, b)</c>, or
    /// <c>a.Equals(b)</c> bound to <c>Equals(object)</c>.
    /// </summary>
    private static (IOperation? Left, IOperation? Right) Operands(IInvocationOperation invocation)
    {
        var (left, right) = invocation.Instance is { } receiver
            ? (invocation.Arguments.Length == 1 ? receiver : null, invocation.Arguments.FirstOrDefault()?.Value)
            : invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_Object && invocation.Arguments.Length == 2
                ? (invocation.Arguments[0].Value, invocation.Arguments[1].Value)
                : (null, null);
        left = Unboxed(left);
        right = Unboxed(right);
        return left?.Type is { IsValueType: true } type && SymbolEqualityComparer.Default.Equals(type, right?.Type)
            && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
            ? (left, right)
            : (null, null);
    }

    private static IOperation? Unboxed(IOperation? operation) =>
        operation is IConversionOperation { IsImplicit: true, Operand.Type.IsValueType: true } boxing ? boxing.Operand : operation;

    private static ExpressionSyntax? TypedEquality(IOperation left, IOperation right, bool isStatic, SemanticModel model, int position, CancellationToken cancellationToken)
    {
        if (left.Syntax is not ExpressionSyntax a || right.Syntax is not ExpressionSyntax b) return null;
        var type = left.Type!;
        if (type.TypeKind == TypeKind.Enum)
            return Parenthesized(SyntaxFactory.BinaryExpression(SyntaxKind.EqualsExpression, Parenthesized(a.WithoutTrivia()), Parenthesized(b.WithoutTrivia())));
        if (!isStatic) return null; // a.Equals(b) on a struct with a usable Equals(T) binds to it already
        var typed = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesized(a.WithoutTrivia()), SyntaxFactory.IdentifierName("Equals")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(b.WithoutTrivia()))));
        // Must bind to a public Equals(T) of the type itself, not back to Equals(object).
        return model.GetSpeculativeSymbolInfo(position, typed, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol
            { IsStatic: false, DeclaredAccessibility: Accessibility.Public, Parameters.Length: 1 } equals
            && SymbolEqualityComparer.Default.Equals(equals.Parameters[0].Type, type) && type.AllInterfaces.Any(i => i.Name == "IEquatable"
                && i.ContainingNamespace?.Name == "System" && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type))
            ? typed
            : null;
    }

    /// <summary>Parentheses the cleanup removes where the expression does not need them.</summary>
    private static ExpressionSyntax Parenthesized(ExpressionSyntax expression) =>
        SyntaxFactory.ParenthesizedExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation);
}
