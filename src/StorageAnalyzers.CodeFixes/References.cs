using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.CodeFixes;

/// <summary>The places a variable is named, and in which way, for fixes that change how it is stored.</summary>
internal static class References
{
    /// <summary>Every name in <paramref name="scope"/> that binds to <paramref name="symbol"/> (names compared first: no binding for the rest).</summary>
    public static IEnumerable<IdentifierNameSyntax> Of(ISymbol symbol, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken) =>
        scope.DescendantNodes().OfType<IdentifierNameSyntax>().Where(name =>
            name.Identifier.ValueText == symbol.Name
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, symbol.OriginalDefinition));

    /// <summary>The function (lambda, local function or member) whose code <paramref name="node"/> is part of.</summary>
    public static SyntaxNode FunctionOf(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => Loops.IsFunction(a) || a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? node.SyntaxTree.GetRoot();

    /// <summary>
    /// The element <c>name[i]</c> is only read: not assigned, incremented, deconstructed into, passed by reference or
    /// taken as a ref.
    /// </summary>
    public static bool IsElementRead(ElementAccessExpressionSyntax element) => element.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Right == element,
        ArgumentSyntax argument => argument.RefKindKeyword.IsKind(SyntaxKind.None) && argument.Parent is not TupleExpressionSyntax,
        RefExpressionSyntax => false,
        { } parent => !parent.IsKind(SyntaxKind.PreIncrementExpression) && !parent.IsKind(SyntaxKind.PreDecrementExpression)
            && !parent.IsKind(SyntaxKind.PostIncrementExpression) && !parent.IsKind(SyntaxKind.PostDecrementExpression),
        _ => true,
    };
}
