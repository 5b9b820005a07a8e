using System;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers;

/// <summary>
/// Whether a file's text contains a word, read in chunks rather than as one string: the cheap test that lets a rule
/// skip the files that cannot concern it (no <c>stackalloc</c>, no hot-path attribute) before walking their syntax.
/// </summary>
internal static class TextSearch
{
    private const int ChunkChars = 4096;

    [ThreadStatic]
    private static char[]? t_chunk;

    public static bool Contains(SourceText text, string word)
    {
        var chunk = t_chunk ??= new char[ChunkChars];
        // Consecutive chunks overlap by the word's length less one, so a word across a boundary is still seen.
        for (int start = 0; start < text.Length; start += ChunkChars - (word.Length - 1))
        {
            int count = Math.Min(ChunkChars, text.Length - start);
            text.CopyTo(start, chunk, 0, count);
            if (IndexOf(chunk, count, word) >= 0) return true;
            if (start + count >= text.Length) break;
        }
        return false;
    }

    private static int IndexOf(char[] chunk, int count, string word)
    {
        for (int i = 0; i <= count - word.Length; i++)
        {
            if (chunk[i] != word[0]) continue;
            int matched = 1;
            while (matched < word.Length && chunk[i + matched] == word[matched]) matched++;
            if (matched == word.Length) return i;
        }
        return -1;
    }
}
