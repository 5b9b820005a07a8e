using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.CodeFixes;

/// <summary>What the fixes that move code out of a loop, or around one, need to know about it.</summary>
internal static class Loops
{
    public static bool IsLoop(SyntaxNode node) =>
        node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

    /// <summary>Lambdas, anonymous methods and local functions: code that runs in a frame of its own.</summary>
    public static bool IsFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>The innermost loop around <paramref name="node"/> in the same function, or null.</summary>
    public static StatementSyntax? Enclosing(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            if (IsFunction(ancestor) || ancestor is MemberDeclarationSyntax) return null;
            if (IsLoop(ancestor)) return (StatementSyntax)ancestor;
        }
        return null;
    }

    /// <summary>True when <paramref name="expression"/> names a local declared inside the loop (a <c>const</c> too): out of scope before it.</summary>
    public static bool UsesLocalsOf(StatementSyntax loop, SyntaxNode expression, SemanticModel model, CancellationToken cancellationToken) =>
        expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name =>
            model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.Any(r => loop.Span.Contains(r.Span)));

    /// <summary>
    /// Before the loop the local is in scope for the whole enclosing block: false when anything else in the member is
    /// spelled the same (another local, a parameter, a field used unqualified, a sibling loop's local).
    /// </summary>
    public static bool IsNameFreeBefore(ILocalSymbol local, VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken) =>
        FreshNames.Scope(declarator).DescendantTokens().All(token =>
            !token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != local.Name || token == declarator.Identifier
            || token.Parent is IdentifierNameSyntax name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local));

    /// <summary>
    /// True when <paramref name="expression"/> has the same value before the loop as in every iteration: a constant,
    /// or a by-value local or parameter declared outside the loop that nothing in the loop writes and no lambda or
    /// local function captures (a call in the loop could write it through one).
    /// </summary>
    public static bool IsInvariant(ExpressionSyntax expression, StatementSyntax loop, SemanticModel model, CancellationToken cancellationToken)
    {
        if (UsesLocalsOf(loop, expression, model, cancellationToken)) return false;
        if (model.GetConstantValue(expression, cancellationToken).HasValue) return true;
        if (expression is not IdentifierNameSyntax name) return false;
        var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
        if (symbol is not (ILocalSymbol { RefKind: RefKind.None } or IParameterSymbol { RefKind: RefKind.None })) return false;
        var flow = model.AnalyzeDataFlow(loop);
        return flow is { Succeeded: true } && !flow.WrittenInside.Contains(symbol, SymbolEqualityComparer.Default)
            && !IsCaptured(symbol, FreshNames.Scope(loop), model, cancellationToken);
    }

    /// <summary>True when a lambda, anonymous method or local function in <paramref name="scope"/> uses <paramref name="variable"/>.</summary>
    public static bool IsCaptured(ISymbol variable, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken) =>
        References.Of(variable, scope, model, cancellationToken).Any(reference => reference.Ancestors().TakeWhile(a => a != scope).Any(IsFunction));
}
