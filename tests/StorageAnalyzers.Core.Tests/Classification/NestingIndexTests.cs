using Microsoft.CodeAnalysis.Text;
using StorageAnalyzers.Core.Classification;

namespace StorageAnalyzers.Core.Tests.Classification;

/// <summary>
/// The closure analysis walks only the roots where a lambda, local function or query starts; the index answers by
/// binary search over start positions, so its edges decide what is walked.
/// </summary>
public class NestingIndexTests
{
    [Fact]
    public void A_root_holds_what_starts_inside_its_span_and_nothing_at_its_end()
    {
        var index = new ClosureAnalysis.NestingIndex();
        index.AddFunction(10);
        index.AddFunction(30);
        index.AddQuery(50);

        Assert.Equal(ClosureAnalysis.Nesting.None, index.In(TextSpan.FromBounds(0, 10)));
        Assert.Equal(ClosureAnalysis.Nesting.Functions, index.In(TextSpan.FromBounds(10, 11)));
        Assert.Equal(ClosureAnalysis.Nesting.Functions, index.In(TextSpan.FromBounds(0, 31)));
        Assert.Equal(ClosureAnalysis.Nesting.None, index.In(TextSpan.FromBounds(11, 30)));
        Assert.Equal(ClosureAnalysis.Nesting.Query, index.In(TextSpan.FromBounds(5, 51)));
        Assert.Equal(ClosureAnalysis.Nesting.None, index.In(TextSpan.FromBounds(51, 100)));
    }

    [Fact]
    public void An_empty_file_nests_nothing() =>
        Assert.Equal(ClosureAnalysis.Nesting.None, new ClosureAnalysis.NestingIndex().In(TextSpan.FromBounds(0, 1000)));
}
