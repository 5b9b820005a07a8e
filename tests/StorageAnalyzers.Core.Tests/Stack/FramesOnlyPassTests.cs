using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>
    /// The frames-only pass finds collection expressions through syntax, not by walking operations: inline arrays in
    /// lambdas, local functions, accessors, initializers and constructor initializers count where the full pass counts
    /// them, and one in an attribute argument (no operation root; a span there does not compile) counts nowhere.
    /// </summary>
    [Fact]
    public void Collection_expressions_count_in_the_same_frames_from_either_pass()
    {
        const string source = """
            using System;

            sealed class SpanAttribute : Attribute { public SpanAttribute(Span<int> values) { } }

            class Buffers
            {
                static int Sum(Span<int> values) { int total = 0; foreach (var v in values) total += v; return total; }

                static readonly int First = Sum([1, 2, 3]);

                Buffers(int a) : this(a, Sum([a, a])) { }

                Buffers(int a, int b) { }

                int Total { get => Sum([First, First, First, First]); }

                [Span([4, 5, 6])]
                int Run(int a, int b)
                {
                    Func<int, int> twice = x => Sum([x, x]);
                    int Local(int y) { Span<long> wide = [y, y, y]; return (int)wide[0]; }
                    Span<int> pair = [a, b];
                    return twice(a) + Local(b) + pair[0];
                }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));
        var classifiedFirst = CSharpCompilation.Create("Buffers", [tree], IlGroundTruth.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        StorageModel.For(classifiedFirst).Classify(tree);
        var framesOnly = classifiedFirst.Clone();

        var expected = Frames(classifiedFirst);
        Assert.Contains(expected, frame => frame.Contains("Run(int, int)", StringComparison.Ordinal) && frame.Contains("(collection int[2], 8)", StringComparison.Ordinal));
        Assert.Contains(expected, frame => frame.Contains("lambda", StringComparison.Ordinal) && frame.Contains("(collection int[2], 8)", StringComparison.Ordinal));
        Assert.Contains(expected, frame => frame.Contains("Local(int)", StringComparison.Ordinal) && frame.Contains("(collection long[3], 24)", StringComparison.Ordinal));
        Assert.Contains(expected, frame => frame.Contains("Buffers(int):", StringComparison.Ordinal) && frame.Contains("(collection int[2], 8)", StringComparison.Ordinal));
        Assert.Contains(expected, frame => frame.Contains("Total.get", StringComparison.Ordinal) && frame.Contains("(collection int[4], 16)", StringComparison.Ordinal));
        Assert.DoesNotContain(expected, frame => frame.Contains("int[3]", StringComparison.Ordinal)); // the attribute's and the static initializer's
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
