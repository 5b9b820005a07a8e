using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Core.Classification;

/// <summary>
/// The largest element count a stackalloc with a run-time count can reach, read from the code around it:
/// <c>Math.Min(n, K)</c>, <c>n &lt;= K ? stackalloc T[n] : ...</c>, an enclosing <c>if (n &lt;= K)</c>, an earlier
/// <c>if (n &gt; K) throw/return;</c>, small integer types (a byte count is at most 255), and simple arithmetic on
/// such a bound (<c>n * 2</c>, <c>n + 1</c>). Reassignments between the guard and the stackalloc are not tracked.
/// </summary>
internal sealed class StackallocBounds
{
    private readonly SemanticModel _model;
    private readonly SyntaxNode _site;
    private readonly CancellationToken _cancellationToken;

    private StackallocBounds(SemanticModel model, SyntaxNode site, CancellationToken cancellationToken)
    {
        _model = model;
        _site = site;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The bound on <paramref name="count"/> and words naming the guard, or null when nothing bounds it.</summary>
    public static (long MaxCount, string Guard)? Find(SemanticModel model, ExpressionSyntax count, SyntaxNode site, CancellationToken cancellationToken) =>
        new StackallocBounds(model, site, cancellationToken).Bound(count, depth: 0);

    private (long MaxCount, string Guard)? Bound(ExpressionSyntax expression, int depth)
    {
        if (depth > 8) return null; // deeply nested arithmetic: give up rather than recurse without end
        expression = Strip(expression);
        if (Constant(expression) is { } constant) return (constant, "a constant");

        switch (expression)
        {
            case InvocationExpressionSyntax invocation when IsMath(invocation, "Min") && invocation.ArgumentList.Arguments.Count == 2:
            {
                var a = Bound(invocation.ArgumentList.Arguments[0].Expression, depth + 1);
                var b = Bound(invocation.ArgumentList.Arguments[1].Expression, depth + 1);
                var min = a is null ? b : b is null ? a : a.Value.MaxCount <= b.Value.MaxCount ? a : b;
                return min is null ? null : (min.Value.MaxCount, $"Math.Min(..., {min.Value.MaxCount})");
            }
            case InvocationExpressionSyntax invocation when IsMath(invocation, "Clamp") && invocation.ArgumentList.Arguments.Count == 3:
                return Bound(invocation.ArgumentList.Arguments[2].Expression, depth + 1) is { } high ? (high.MaxCount, $"Math.Clamp(..., {high.MaxCount})") : null;
            case BinaryExpressionSyntax binary:
                return Arithmetic(binary, depth);
        }

        return GuardOn(expression) ?? TypeBound(expression);
    }

    private (long MaxCount, string Guard)? Arithmetic(BinaryExpressionSyntax binary, int depth)
    {
        var right = Constant(Strip(binary.Right));
        var left = Constant(Strip(binary.Left));
        switch (binary.Kind())
        {
            case SyntaxKind.ModuloExpression when right > 0:
                return (right.Value - 1, $"% {right}");
            case SyntaxKind.BitwiseAndExpression when right >= 0 || left >= 0:
                return ((right ?? left)!.Value, $"& {right ?? left}");
        }
        var (variable, factor) = right is not null ? (binary.Left, right.Value) : left is not null ? (binary.Right, left.Value) : (null, 0);
        if (variable is null || Bound(variable, depth + 1) is not { } inner) return null;
        long? max = binary.Kind() switch
        {
            SyntaxKind.MultiplyExpression when factor >= 0 => inner.MaxCount * factor,
            SyntaxKind.AddExpression => inner.MaxCount + factor,
            SyntaxKind.SubtractExpression when right is not null => inner.MaxCount - factor,
            SyntaxKind.DivideExpression when right > 0 => inner.MaxCount / factor,
            SyntaxKind.RightShiftExpression when right is >= 0 and < 63 => inner.MaxCount >> (int)factor,
            SyntaxKind.LeftShiftExpression when right is >= 0 and < 32 => inner.MaxCount << (int)factor,
            _ => null,
        };
        return max is null ? null : (Math.Max(max.Value, 0), inner.Guard);
    }

    /// <summary>A comparison that must hold where the stackalloc runs: conditional, enclosing if, or an earlier exit.</summary>
    private (long MaxCount, string Guard)? GuardOn(ExpressionSyntax value)
    {
        (long MaxCount, string Guard)? best = null;
        SyntaxNode child = _site;
        foreach (var ancestor in _site.Ancestors())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (ClosureAnalysis.IsFunction(ancestor)) break;
            switch (ancestor)
            {
                case ConditionalExpressionSyntax conditional when conditional.WhenTrue == child:
                    best = Tighter(best, FromCondition(conditional.Condition, value, holds: true));
                    break;
                case ConditionalExpressionSyntax conditional when conditional.WhenFalse == child:
                    best = Tighter(best, FromCondition(conditional.Condition, value, holds: false));
                    break;
                case IfStatementSyntax ifStatement when ifStatement.Statement == child:
                    best = Tighter(best, FromCondition(ifStatement.Condition, value, holds: true));
                    break;
                case ElseClauseSyntax { Parent: IfStatementSyntax elseOf } when elseOf.Else!.Statement == child:
                    best = Tighter(best, FromCondition(elseOf.Condition, value, holds: false));
                    break;
                case BlockSyntax block:
                    foreach (var earlier in block.Statements.TakeWhile(s => s != child))
                        if (earlier is IfStatementSyntax { Else: null } exit && AlwaysLeaves(exit.Statement))
                            best = Tighter(best, FromCondition(exit.Condition, value, holds: false));
                    break;
            }
            child = ancestor;
        }
        return best;
    }

    private static (long, string)? Tighter((long MaxCount, string Guard)? a, (long MaxCount, string Guard)? b) =>
        a is null ? b : b is null ? a : a.Value.MaxCount <= b.Value.MaxCount ? a : b;

    /// <summary>The bound on <paramref name="value"/> when <paramref name="condition"/> is (or is not) true.</summary>
    private (long MaxCount, string Guard)? FromCondition(ExpressionSyntax condition, ExpressionSyntax value, bool holds)
    {
        condition = Strip(condition);
        if (condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
            return FromCondition(not.Operand, value, !holds);
        if (condition is not BinaryExpressionSyntax binary) return null;
        switch (binary.Kind())
        {
            // a && b true: both hold. a || b false: neither holds.
            case SyntaxKind.LogicalAndExpression when holds:
            case SyntaxKind.LogicalOrExpression when !holds:
                return Tighter(FromCondition(binary.Left, value, holds), FromCondition(binary.Right, value, holds));
        }

        // Normalise to "value OP constant".
        var kind = binary.Kind();
        ExpressionSyntax subject = binary.Left;
        long? limit = Constant(Strip(binary.Right));
        if (limit is null)
        {
            subject = binary.Right;
            limit = Constant(Strip(binary.Left));
            kind = kind switch
            {
                SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
                SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
                SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
                SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
                _ => kind,
            };
        }
        if (limit is null || !SyntaxFactory.AreEquivalent(Strip(subject), value)) return null;
        if (!holds)
        {
            kind = kind switch
            {
                SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanOrEqualExpression,
                SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanExpression,
                _ => SyntaxKind.None,
            };
        }
        var text = $"{Strip(subject)} {(kind == SyntaxKind.LessThanExpression ? "<" : "<=")} {limit}";
        return kind switch
        {
            SyntaxKind.LessThanOrEqualExpression => (limit.Value, text),
            SyntaxKind.LessThanExpression => (limit.Value - 1, text),
            _ => null,
        };
    }

    private static bool AlwaysLeaves(StatementSyntax statement) => statement switch
    {
        ThrowStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax => true,
        BlockSyntax { Statements.Count: > 0 } block => AlwaysLeaves(block.Statements.Last()),
        ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => true,
        _ => false,
    };

    /// <summary>Small integer types bound a count by themselves.</summary>
    private (long, string)? TypeBound(ExpressionSyntax expression) =>
        _model.GetTypeInfo(expression, _cancellationToken).Type?.SpecialType switch
        {
            SpecialType.System_Byte => (byte.MaxValue, "a byte count"),
            SpecialType.System_SByte => (sbyte.MaxValue, "an sbyte count"),
            SpecialType.System_Int16 => (short.MaxValue, "a short count"),
            SpecialType.System_UInt16 => (ushort.MaxValue, "a ushort count"),
            SpecialType.System_Char => (char.MaxValue, "a char count"),
            _ => null,
        };

    private bool IsMath(InvocationExpressionSyntax invocation, string name) =>
        _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol { Name: var n, ContainingType: { Name: "Math", ContainingNamespace.Name: "System" } }
        && n == name;

    private long? Constant(ExpressionSyntax expression) =>
        _model.GetConstantValue(expression, _cancellationToken) is { HasValue: true, Value: { } value } && value is int or long or short or byte or uint or ushort or sbyte
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private static ExpressionSyntax Strip(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case CheckedExpressionSyntax check:
                    expression = check.Expression;
                    continue;
                default:
                    return expression;
            }
        }
    }
}
