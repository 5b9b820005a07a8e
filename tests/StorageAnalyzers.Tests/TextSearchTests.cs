using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.Tests;

/// <summary>The text search that lets the stackalloc and hot-path rules skip files: it must find a word wherever it
/// lies, across the 4096-character chunks it reads, and nothing that is not there.</summary>
public class TextSearchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4086)] // ends exactly at the first chunk's end
    [InlineData(4090)] // straddles the first chunk boundary
    [InlineData(4095)]
    [InlineData(8180)] // straddles the second (chunks overlap by the word's length less one)
    [InlineData(20000)]
    public void A_word_is_found_wherever_it_starts(int offset)
    {
        var text = SourceText.From(new string(' ', offset) + "stackalloc" + new string(' ', 50));
        Assert.True(TextSearch.Contains(text, "stackalloc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("stackallo")]
    [InlineData("int stack; alloc();")]
    public void A_word_that_is_not_there_is_not_found(string content)
    {
        var text = SourceText.From(new string('s', 5000) + content + new string('k', 5000));
        Assert.False(TextSearch.Contains(text, "stackalloc"));
    }

    [Fact]
    public void A_word_at_the_very_end_of_a_text_shorter_than_a_chunk_is_found() =>
        Assert.True(TextSearch.Contains(SourceText.From("x = stackalloc"), "stackalloc"));
}
