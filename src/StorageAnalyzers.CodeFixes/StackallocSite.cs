using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.CodeFixes;

/// <summary>
/// The stackalloc a stack diagnostic points at, in the one form the fixes rewrite: <c>stackalloc T[count]</c> with no
/// initializer, of an unmanaged element type that can be a type argument (no pointers: no <c>Span&lt;int*&gt;</c>,
/// no <c>ArrayPool&lt;int*&gt;</c>).
/// </summary>
internal sealed class StackallocSite
{
    private StackallocSite(StackAllocArrayCreationExpressionSyntax expression, ArrayTypeSyntax arrayType, ExpressionSyntax count, ITypeSymbol elementType)
    {
        Expression = expression;
        ArrayType = arrayType;
        Count = count;
        ElementType = elementType;
    }

    public StackAllocArrayCreationExpressionSyntax Expression { get; }
    /// <summary><c>T[count]</c> as written, which binds wherever the stackalloc did.</summary>
    public ArrayTypeSyntax ArrayType { get; }
    public ExpressionSyntax Count { get; }
    public ITypeSymbol ElementType { get; }

    public static StackallocSite? At(SyntaxNode root, SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindNode(span, getInnermostNodeForTie: true) is not StackAllocArrayCreationExpressionSyntax
                { Initializer: null, Type: ArrayTypeSyntax { RankSpecifiers.Count: 1 } arrayType } expression
            || arrayType.RankSpecifiers[0].Sizes is not { Count: 1 } sizes
            || sizes[0] is OmittedArraySizeExpressionSyntax)
            return null;
        var count = sizes[0];
        var element = model.GetTypeInfo(arrayType.ElementType, cancellationToken).Type;
        if (element is null or IPointerTypeSymbol or IFunctionPointerTypeSymbol || !element.IsUnmanagedType) return null;
        return new StackallocSite(expression, arrayType, count, element);
    }

    public bool HasConstantCount(SemanticModel model, CancellationToken cancellationToken) =>
        model.GetConstantValue(Count, cancellationToken).HasValue;

    /// <summary>
    /// True when the count can be written twice without changing behaviour: a constant, a local or a parameter.
    /// Anything else (a property, a call) is evaluated once into a new local first.
    /// </summary>
    public bool HasStableCount(SemanticModel model, CancellationToken cancellationToken) =>
        HasConstantCount(model, cancellationToken)
        || Count is IdentifierNameSyntax && model.GetSymbolInfo(Count, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol;

    /// <summary>stackalloc fills the buffer with zeros unless <c>[SkipLocalsInit]</c> applies (method, type or module).</summary>
    public bool IsZeroed(SemanticModel model, CancellationToken cancellationToken) => IsZeroedAt(Expression.SpanStart, model, cancellationToken);

    /// <summary>Whether a stackalloc at <paramref name="position"/> would be zeroed (no <c>[SkipLocalsInit]</c> around it).</summary>
    public static bool IsZeroedAt(int position, SemanticModel model, CancellationToken cancellationToken)
    {
        for (var symbol = model.GetEnclosingSymbol(position, cancellationToken); symbol is not null; symbol = symbol.ContainingSymbol)
        {
            if (SkipsLocalsInit(symbol) || symbol is IMethodSymbol { AssociatedSymbol: { } property } && SkipsLocalsInit(property))
                return false;
        }
        return true;
    }

    private static bool SkipsLocalsInit(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { Name: "SkipLocalsInitAttribute" } attribute
            && attribute.ContainingNamespace.ToDisplayString() == "System.Runtime.CompilerServices");

    /// <summary><c>T[count]</c> on the heap: <c>new T[count]</c>, keeping the spelling and trivia of the stackalloc.</summary>
    public ArrayCreationExpressionSyntax HeapArray(ExpressionSyntax count) =>
        SyntaxFactory.ArrayCreationExpression(
            SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTriviaFrom(Expression.StackAllocKeyword),
            ArrayType.ReplaceNode(Count, count.WithTriviaFrom(Count)),
            initializer: null);
}
