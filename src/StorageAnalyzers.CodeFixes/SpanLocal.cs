using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.CodeFixes;

/// <summary>
/// A stackalloc that is the whole initializer of a <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c> local
/// (<c>Span&lt;T&gt; name = stackalloc T[count];</c>). The pointer form (<c>T* p = stackalloc ...</c>) never matches.
/// </summary>
internal sealed class SpanLocal
{
    private SpanLocal(StackallocSite site, VariableDeclaratorSyntax declarator, ILocalSymbol symbol, bool isReadOnly)
    {
        Stackalloc = site;
        Declarator = declarator;
        Symbol = symbol;
        IsReadOnly = isReadOnly;
    }

    public StackallocSite Stackalloc { get; }
    public VariableDeclaratorSyntax Declarator { get; }
    public ILocalSymbol Symbol { get; }
    public string Name => Symbol.Name;
    public bool IsReadOnly { get; }

    /// <summary>The declaration statement when it declares this local alone and sits in a block: what a fix can move or split.</summary>
    public LocalDeclarationStatementSyntax? Statement =>
        Declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
        && statement.UsingKeyword.IsKind(SyntaxKind.None) && !statement.IsConst && statement.Parent is BlockSyntax
            ? statement
            : null;

    public BlockSyntax? Block => Statement?.Parent as BlockSyntax;

    public static SpanLocal? Of(StackallocSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        if (site.Expression.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { Type: INamedTypeSymbol type } local)
            return null;
        var definition = type.OriginalDefinition;
        bool isSpan = definition.Equals(model.Compilation.GetTypeByMetadataName("System.Span`1"), SymbolEqualityComparer.Default);
        bool isReadOnly = definition.Equals(model.Compilation.GetTypeByMetadataName("System.ReadOnlySpan`1"), SymbolEqualityComparer.Default);
        return isSpan || isReadOnly ? new SpanLocal(site, declarator, local, isReadOnly) : null;
    }

    /// <summary>
    /// True when the local is assigned again or passed by <c>ref</c>/<c>out</c>. Those uses rely on the local having
    /// the method-local scope a stackalloc gives it; a heap or pooled initializer widens that scope, and a later
    /// <c>name = stackalloc ...</c> would stop compiling (CS8353). In a loop, they also carry state to the next iteration.
    /// </summary>
    public bool IsReassigned(SemanticModel model, CancellationToken cancellationToken) =>
        FreshNames.Scope(Declarator).DescendantNodes().OfType<IdentifierNameSyntax>().Any(name =>
            name.Identifier.ValueText == Name
            && name.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == name,
                ArgumentSyntax argument => argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword),
                RefExpressionSyntax => true,
                _ => false,
            }
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, Symbol));
}
