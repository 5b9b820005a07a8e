using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StorageAnalyzers.Core.Tests.GroundTruth;

namespace StorageAnalyzers.Core.Tests.Stack;

/// <summary>
/// The stack rules take frames from a frames-only pass of the classifier when the full classification is not made:
/// every frame estimate must be the same either way, so that no estimate depends on which rule reached a file first.
/// </summary>
public class FramesOnlyPassTests
{
    [Theory]
    [MemberData(nameof(GroundTruthTests.Cases), MemberType = typeof(GroundTruthTests))]
    public void Frames_are_the_same_from_the_frames_only_pass_and_from_the_full_classification(string snippet, OptimizationLevel level)
    {
        var classifiedFirst = IlGroundTruth.Compile(Snippets.All[snippet], level).Compilation;
        StorageModel.For(classifiedFirst).Classify(classifiedFirst.SyntaxTrees.Single());
        // A second compilation of the same tree: its model has no full classification to take frames from.
        var framesOnly = classifiedFirst.Clone();

        var expected = Frames(classifiedFirst);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Frames(framesOnly));
    }

    /// <summary>Every function with a body in the tree (methods, accessors, local functions, lambdas) and its frame.</summary>
    private static List<string> Frames(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        var semanticModel = compilation.GetSemanticModel(tree);
        var stack = StackAnalysis.For(StorageModel.For(compilation));
        var frames = new List<string>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var function = node switch
            {
                BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax => semanticModel.GetDeclaredSymbol(node) as IMethodSymbol,
                AnonymousFunctionExpressionSyntax => semanticModel.GetSymbolInfo(node).Symbol as IMethodSymbol,
                _ => null,
            };
            if (function is null) continue;
            var frame = stack.Frame(function);
            frames.Add($"{node.SpanStart} {function.ToDisplayString()}: {frame.Bytes} B (locals {frame.LocalsBytes}, parameters {frame.ParametersBytes}, " +
                $"stackalloc {frame.StackallocBytes}, unbounded {frame.HasUnboundedStackalloc}) {string.Join(", ", frame.LargestItems)}");
        }
        return frames;
    }
}
