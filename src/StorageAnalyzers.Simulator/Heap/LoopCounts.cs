using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// How many times a piece of code runs per call of the function around it: the product of the iteration counts of
/// the loops between it and the function's boundary (a lambda or local function is a boundary: its body runs when it
/// is called, not where it is written). A loop's count is read from the code where it is a constant:
/// <list type="bullet">
/// <item><c>for (int i = A; i &lt; B; i++)</c> with constant <c>A</c> and <c>B</c> (also <c>&lt;=</c>, <c>&gt;</c>,
/// <c>&gt;=</c>, <c>!=</c>, <c>i--</c>, <c>i += k</c>, <c>i -= k</c>): its trip count;</item>
/// <item><c>foreach</c> over an array (<c>new[] { ... }</c>, <c>{ ... }</c>, <c>new T[N]</c>) or a collection expression, a string constant,
/// <c>Enumerable.Range(start, N)</c>, or a local or <c>readonly</c> field initialised with one of those (a local
/// reassigned later is not noticed): its element count;</item>
/// </list>
/// any other loop runs <see cref="SimulationOptions.LoopIterations"/> times. A <c>for</c> loop repeats its condition,
/// increments and body; a <c>foreach</c> only its body (the collection is evaluated once).
/// </summary>
public sealed class LoopCounts
{
    private readonly Compilation _compilation;
    private readonly int _assumed;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public LoopCounts(Compilation compilation, int assumedIterations)
    {
        _compilation = compilation;
        _assumed = assumedIterations;
    }

    /// <summary>The runs of the code at <paramref name="location"/> per call of its function; 1 outside source.</summary>
    public long Multiplier(Location location, CancellationToken cancellationToken = default)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree) return 1;
        var node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return Multiplier(node);
    }

    public long Multiplier(SyntaxNode node)
    {
        long runs = 1;
        for (SyntaxNode child = node, parent = node.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            if (IsFunctionBoundary(parent)) break;
            if (Repeats(parent, child)) runs = Saturating.Multiply(runs, Count(parent) ?? _assumed);
        }
        return runs;
    }

    /// <summary>True when <paramref name="child"/> is a part of <paramref name="loop"/> that runs once per iteration.</summary>
    private static bool Repeats(SyntaxNode loop, SyntaxNode child) => loop switch
    {
        ForStatementSyntax f => child == f.Statement || child == f.Condition || child is ExpressionSyntax e && f.Incrementors.Contains(e),
        CommonForEachStatementSyntax f => child == f.Statement,
        WhileStatementSyntax w => child == w.Statement || child == w.Condition,
        DoStatementSyntax d => child == d.Statement || child == d.Condition,
        _ => false,
    };

    private static bool IsFunctionBoundary(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax or AccessorDeclarationSyntax;

    private long? Count(SyntaxNode loop) => loop switch
    {
        ForStatementSyntax f => ForCount(f),
        ForEachStatementSyntax f => ElementCount(f.Expression),
        _ => null,
    };

    private long? ForCount(ForStatementSyntax loop)
    {
        if (loop.Declaration is not { Variables.Count: 1 } declaration || declaration.Variables[0] is not { Initializer.Value: var first } variable) return null;
        if (loop.Incrementors.Count != 1 || loop.Condition is not BinaryExpressionSyntax condition) return null;
        var increment = loop.Incrementors[0];
        var name = variable.Identifier.ValueText;
        if (Constant(first) is not { } start || Step(increment, name) is not { } step || step == 0) return null;

        // i OP limit, or limit OP i read the other way round.
        SyntaxKind comparison = condition.Kind();
        ExpressionSyntax limitSyntax;
        if (IsName(condition.Left, name)) limitSyntax = condition.Right;
        else if (IsName(condition.Right, name)) (limitSyntax, comparison) = (condition.Left, Mirror(comparison));
        else return null;
        if (Constant(limitSyntax) is not { } limit) return null;

        decimal distance = comparison switch
        {
            SyntaxKind.LessThanExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.NotEqualsExpression => limit - start,
            SyntaxKind.LessThanOrEqualExpression => limit - start + 1,
            SyntaxKind.GreaterThanOrEqualExpression => limit - start - 1,
            _ => decimal.MinValue,
        };
        if (distance == decimal.MinValue) return null;
        bool upwards = comparison is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression;
        bool downwards = comparison is SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression;
        if (upwards && step < 0 || downwards && step > 0) return null; // runs until overflow: leave it to the assumption
        if (comparison == SyntaxKind.NotEqualsExpression && distance % step != 0) return null;
        decimal trips = Math.Ceiling(distance / step);
        return trips <= 0 ? 0 : trips >= long.MaxValue ? long.MaxValue : (long)trips;
    }

    private static SyntaxKind Mirror(SyntaxKind comparison) => comparison switch
    {
        SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
        SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
        SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
        SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
        _ => comparison,
    };

    /// <summary>The change an increment makes to the loop variable per iteration: <c>i++</c> 1, <c>i -= 2</c> -2.</summary>
    private decimal? Step(ExpressionSyntax increment, string name) => increment switch
    {
        PostfixUnaryExpressionSyntax u when IsName(u.Operand, name) => u.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1,
        PrefixUnaryExpressionSyntax u when IsName(u.Operand, name) && u.IsKind(SyntaxKind.PreIncrementExpression) => 1,
        PrefixUnaryExpressionSyntax u when IsName(u.Operand, name) && u.IsKind(SyntaxKind.PreDecrementExpression) => -1,
        AssignmentExpressionSyntax a when IsName(a.Left, name) && a.IsKind(SyntaxKind.AddAssignmentExpression) => Constant(a.Right),
        AssignmentExpressionSyntax a when IsName(a.Left, name) && a.IsKind(SyntaxKind.SubtractAssignmentExpression) => -Constant(a.Right),
        _ => null,
    };

    private static bool IsName(ExpressionSyntax expression, string name) =>
        expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name;

    /// <summary>How many elements a <c>foreach</c> collection has, when the code says.</summary>
    private long? ElementCount(ExpressionSyntax collection, int depth = 0)
    {
        switch (collection)
        {
            case ArrayCreationExpressionSyntax { Initializer: { } elements }:
                return elements.Expressions.Count;
            case ArrayCreationExpressionSyntax { Type.RankSpecifiers: { Count: 1 } ranks } when ranks[0].Sizes.Count == 1:
                return Constant(ranks[0].Sizes[0]) is { } size ? (long)size : null;
            case ImplicitArrayCreationExpressionSyntax array:
                return array.Initializer.Expressions.Count;
            case InitializerExpressionSyntax arrayInitializer when arrayInitializer.IsKind(SyntaxKind.ArrayInitializerExpression):
                return arrayInitializer.Expressions.Count; // string[] names = { ... };
            case CollectionExpressionSyntax collectionExpression:
                foreach (var element in collectionExpression.Elements)
                    if (element is not ExpressionElementSyntax) return null; // a spread's length is not known here
                return collectionExpression.Elements.Count;
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } range when IsEnumerableRange(range):
                return Constant(range.ArgumentList.Arguments[1].Expression) is { } n ? (long)n : null;
        }
        if (Model(collection).GetConstantValue(collection).Value is string text) return text.Length;
        if (depth > 0 || Model(collection).GetSymbolInfo(collection).Symbol is not { } symbol) return null;
        return InitializerOf(symbol) is { } initializer ? ElementCount(initializer, depth + 1) : null;
    }

    private bool IsEnumerableRange(InvocationExpressionSyntax invocation) =>
        Model(invocation).GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "Range", ContainingType: { Name: "Enumerable" } type }
        && type.ContainingNamespace?.ToDisplayString() == "System.Linq";

    /// <summary>The initializer of a local or a readonly field, which a <c>foreach</c> over that variable sees.</summary>
    private static ExpressionSyntax? InitializerOf(ISymbol symbol)
    {
        if (symbol is not (ILocalSymbol or IFieldSymbol { IsReadOnly: true })) return null;
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var value }) return value;
        }
        return null;
    }

    private decimal? Constant(ExpressionSyntax expression) => Model(expression).GetConstantValue(expression).Value switch
    {
        int v => v,
        long v => v,
        short v => v,
        byte v => v,
        sbyte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        char v => v,
        _ => null,
    };

    private SemanticModel Model(SyntaxNode node) => _models.GetOrAdd(node.SyntaxTree, tree => _compilation.GetSemanticModel(tree));
}
