using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Rules;

/// <summary>
/// Code marked with an attribute named HotPath / HotPathAttribute or PerformanceSensitive /
/// PerformanceSensitiveAttribute, on the method, local function, property, type or any enclosing type. Users declare
/// their own attribute in any namespace, so the check is by name, on syntax: no symbol lookups per node.
/// </summary>
internal static class HotPaths
{
    public static bool Contains(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            var lists = current switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                LocalFunctionStatementSyntax local => local.AttributeLists,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.AttributeLists,
                _ => default,
            };
            foreach (var list in lists)
                foreach (var attribute in list.Attributes)
                    if (IsHotPathName(attribute.Name)) return true;
        }
        return false;
    }

    /// <summary>True when the file has any attribute with a hot-path name (a text search, then a syntax walk; no
    /// binding).</summary>
    public static bool AnyIn(SyntaxNode root)
    {
        var text = root.SyntaxTree.GetText();
        if (!TextSearch.Contains(text, "HotPath") && !TextSearch.Contains(text, "PerformanceSensitive")) return false;
        foreach (var node in root.DescendantNodes())
            if (node is AttributeSyntax attribute && IsHotPathName(attribute.Name)) return true;
        return false;
    }

    private static bool IsHotPathName(NameSyntax name)
    {
        var simple = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax plain => plain.Identifier.ValueText,
            _ => "",
        };
        return simple is "HotPath" or "HotPathAttribute" or "PerformanceSensitive" or "PerformanceSensitiveAttribute";
    }
}
