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

    [Fact]
    public void Every_occurrence_is_found_once_in_order_across_chunk_boundaries()
    {
        // Chunks start every 4087 characters (4096 read, overlapping by 9): 4086 ends exactly at the first chunk's end,
        // 4096 starts right after it, 8180 straddles the second chunk's end.
        int[] starts = [0, 20, 4086, 4096, 8180, 20000];
        var text = new char[20100];
        Array.Fill(text, ' ');
        foreach (int start in starts) "stackalloc".CopyTo(0, text, start, "stackalloc".Length);
        Assert.Equal(starts, TextSearch.PositionsOf(SourceText.From(new string(text)), "stackalloc"));

        Assert.Empty(TextSearch.PositionsOf(SourceText.From(new string(' ', 5000) + "stackallo" + new string(' ', 5000)), "stackalloc"));
    }
}
