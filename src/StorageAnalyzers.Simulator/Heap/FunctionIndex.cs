using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// Which call-graph functions run the code at a place in source. Found through syntax, not symbols: a lambda or local
/// function is bound anew by each semantic model, so its symbol from the classifier's model would not be the call
/// graph's. Code in a field or property initializer belongs to the constructors that run it.
/// </summary>
internal sealed class FunctionIndex
{
    private readonly Compilation _compilation;
    private readonly Dictionary<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan Span), IMethodSymbol> _bySyntax = new();

    public FunctionIndex(Compilation compilation, CallGraph graph)
    {
        _compilation = compilation;
        foreach (var method in graph.Methods)
        {
            if (graph.IsExternal(method)) continue;
            foreach (var reference in method.DeclaringSyntaxReferences)
                _bySyntax[(reference.SyntaxTree, reference.Span)] = method;
        }
    }

    /// <summary>The functions whose body holds <paramref name="location"/> (or whose name it is, for a state machine):
    /// one, several constructors for an initializer, or none (an attribute argument, a parameter default).</summary>
    public IEnumerable<IMethodSymbol> Owners(Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree) yield break;
        var node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        // An iterator or async state machine is reported at its function's name: each call of the function allocates it.
        if (node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax && node.Span != location.SourceSpan)
        {
            if (_bySyntax.TryGetValue((tree, node.Span), out var self)) yield return self;
            yield break;
        }
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax
                    or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax }:
                    if (_bySyntax.TryGetValue((tree, current.Span), out var function)) yield return function;
                    yield break;
                case GlobalStatementSyntax:
                    if (_bySyntax.TryGetValue((tree, tree.GetRoot(cancellationToken).Span), out var main)) yield return main;
                    yield break;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } or PropertyDeclarationSyntax } initializer:
                    var model = _compilation.GetSemanticModel(tree);
                    var member = initializer.Parent is VariableDeclaratorSyntax declarator
                        ? model.GetDeclaredSymbol(declarator, cancellationToken)
                        : model.GetDeclaredSymbol((PropertyDeclarationSyntax)initializer.Parent!, cancellationToken);
                    if (member is null) yield break;
                    foreach (var constructor in CallGraph.InitializerRunners(member)) yield return CallGraph.Normalize(constructor);
                    yield break;
                case MemberDeclarationSyntax:
                    yield break;
            }
        }
    }
}
