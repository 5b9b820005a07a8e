using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers;

/// <summary>
/// Whether a file's text contains a word, or where, read in chunks rather than as one string: the cheap test that lets
/// a rule skip the files that cannot concern it (no <c>stackalloc</c>, no hot-path attribute), and finds the few places
/// to look at instead of walking the whole syntax tree.
/// </summary>
internal static class TextSearch
{
    private const int ChunkChars = 4096;

    [ThreadStatic]
    private static char[]? t_chunk;

    public static bool Contains(SourceText text, string word) => Find(text, word, all: null);

    /// <summary>Where each occurrence of <paramref name="word"/> starts, in text order (comments and strings included:
    /// the caller checks the token there).</summary>
    public static List<int> PositionsOf(SourceText text, string word)
    {
        var positions = new List<int>();
        Find(text, word, positions);
        return positions;
    }

    /// <summary>Finds the first occurrence, or every one into <paramref name="all"/>; true when there is one.</summary>
    private static bool Find(SourceText text, string word, List<int>? all)
    {
        var chunk = t_chunk ??= new char[ChunkChars];
        bool found = false;
        // Consecutive chunks overlap by the word's length less one, so a word across a boundary is still seen, and a
        // word is seen in one chunk only (the overlap is too short to hold it whole).
        for (int start = 0; start < text.Length; start += ChunkChars - (word.Length - 1))
        {
            int count = Math.Min(ChunkChars, text.Length - start);
            text.CopyTo(start, chunk, 0, count);
            for (int from = 0; (from = IndexOf(chunk, from, count, word)) >= 0; from++)
            {
                if (all is null) return true;
                all.Add(start + from);
                found = true;
            }
            if (start + count >= text.Length) break;
        }
        return found;
    }

    private static int IndexOf(char[] chunk, int from, int count, string word)
    {
        for (int i = from; i <= count - word.Length; i++)
        {
            if (chunk[i] != word[0]) continue;
            int matched = 1;
            while (matched < word.Length && chunk[i + matched] == word[matched]) matched++;
            if (matched == word.Length) return i;
        }
        return -1;
    }
}
