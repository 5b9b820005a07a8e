using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StorageAnalyzers.Core.Tests.GroundTruth;

namespace StorageAnalyzers.Core.Tests.Classification;

/// <summary>
/// Storage does not depend on nullable analysis: the CLI classifies with it off (annotations only: a semantic model
/// otherwise runs the analysis on every member it binds), the analyzers with whatever the project uses, and both must
/// say the same.
/// </summary>
public class NullableAnalysisTests
{
    // No #nullable directive: the compilation's option decides, as the CLI sets it.
    private const string Annotated = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        public sealed class Directory
        {
            private readonly Dictionary<string, string?> _entries = new();
            private static Func<string?, bool>? s_filter;
            public IEnumerable<string?> Matching(Func<string?, bool>? filter, string? prefix)
            {
                filter ??= s => s is not null && s.StartsWith(prefix ?? "", StringComparison.Ordinal);
                s_filter = filter;
                var found = new List<string?>();
                foreach (var value in _entries.Values) if (filter(value)) found.Add(value);
                object? boxed = found.Count;
                return found.Where(v => v != null).Select(v => v + boxed);
            }
            public IEnumerable<string?> Lazily(string? first) { yield return first; yield return s_filter?.ToString(); }
        }
        """;

    public static IEnumerable<object[]> Sources() =>
        Snippets.All.Select(pair => new object[] { pair.Key }).Append(["annotated"]);

    [Theory]
    [MemberData(nameof(Sources))]
    public void Classification_is_the_same_with_nullable_analysis_on_and_off(string name)
    {
        var source = name == "annotated" ? Annotated : Snippets.All[name];
        var enabled = WithNullable(IlGroundTruth.Compile(source, OptimizationLevel.Release).Compilation, NullableContextOptions.Enable);
        var annotationsOnly = WithNullable(enabled, NullableContextOptions.Annotations);
        var disabled = WithNullable(enabled, NullableContextOptions.Disable);

        Assert.Equal(Describe(enabled), Describe(annotationsOnly));
        Assert.Equal(Describe(enabled), Describe(disabled));
    }

    [Fact]
    public void Type_names_carry_no_nullable_reference_annotations()
    {
        var compilation = WithNullable(IlGroundTruth.Compile(Annotated, OptimizationLevel.Release).Compilation, NullableContextOptions.Enable);
        var storage = StorageModel.For(compilation).Classify(compilation.SyntaxTrees.Single());
        Assert.Contains(storage.Allocations, a => a.TypeName == "List<string>");
        Assert.DoesNotContain(storage.Allocations, a => a.TypeName.Contains("string?") || a.TypeName.EndsWith('?'));
    }

    private static Compilation WithNullable(Compilation compilation, NullableContextOptions nullable) =>
        compilation.WithOptions(((CSharpCompilationOptions)compilation.Options).WithNullableContextOptions(nullable));

    private static List<string> Describe(Compilation compilation)
    {
        var storage = StorageModel.For(compilation).Classify(compilation.SyntaxTrees.Single());
        return
        [
            .. storage.Variables.Select(v => $"{v.Location.SourceSpan} {v.Name} {v.Kind} {v.Storage} {v.Referent} {v.SizeBytes} {v.Reason}"),
            .. storage.Allocations.Select(a => $"{a.Location.SourceSpan} {a.Kind} {a.TypeName} {a.Storage} {a.SizeBytes} {a.MinSizeBytes} {a.MaxSizeBytes} {a.InLoop} {a.Certainty} {a.Reason}"),
        ];
    }
}
