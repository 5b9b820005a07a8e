using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.CodeFixes;

/// <summary>Names for new locals that can neither collide with nor shadow any name the enclosing member uses.</summary>
internal static class FreshNames
{
    /// <summary>The member around <paramref name="node"/>, or the whole file for top-level statements.</summary>
    public static SyntaxNode Scope(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? node.SyntaxTree.GetRoot();

    /// <summary>Every identifier written in <paramref name="scope"/>: declared, referenced or a member name.</summary>
    public static HashSet<string> Used(SyntaxNode scope) =>
        new(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));

    /// <summary><paramref name="stem"/>, or <c>stem2</c>, <c>stem3</c>...; the name picked joins <paramref name="used"/>.</summary>
    public static string Pick(string stem, HashSet<string> used)
    {
        var name = stem;
        for (int i = 2; !used.Add(name); i++) name = stem + i;
        return name;
    }
}
