using System.Text;

namespace StackBuffers;

public enum TokenKind : byte
{
    Word,
    Number,
    Symbol,
}

/// <summary>
/// One token of a line. Its fields add up to 4 + 4 + 1 = 9 bytes, but the struct is 12: the CLR pads it so that the
/// ints of the next array element stay 4-byte aligned. The analyzers count the 12.
/// </summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind);

/// <summary>A line tokenizer (words, numbers, symbols) that writes tokens into a caller's span.</summary>
public static class Tokenizer
{
    private static readonly string[] Keywords = ["SELECT", "FROM", "WHERE", "INSERT", "INTO", "ROWS"];

    /// <summary>Tokens of <paramref name="line"/> into <paramref name="tokens"/>; returns how many (at most its length).</summary>
    public static int Tokenize(ReadOnlySpan<char> line, Span<Token> tokens)
    {
        int count = 0, i = 0;
        while (i < line.Length && count < tokens.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int start = i;
            TokenKind kind;
            if (char.IsLetter(c))
            {
                while (i < line.Length && char.IsLetterOrDigit(line[i])) i++;
                kind = TokenKind.Word;
            }
            else if (char.IsDigit(c))
            {
                while (i < line.Length && char.IsDigit(line[i])) i++;
                kind = TokenKind.Number;
            }
            else
            {
                i++;
                kind = TokenKind.Symbol;
            }
            tokens[count++] = new Token(start, i - start, kind);
        }
        return count;
    }

    public static string Describe(string line)
    {
        // 96 tokens look like 96 x 9 = 864 bytes of fields, but Token is 12 bytes by its real layout: 1152 bytes.
        Span<Token> tokens = stackalloc Token[96]; // expect SD2001 (1152 bytes)
        int count = Tokenize(line, tokens);
        var text = new StringBuilder().Append(count).Append(" tokens:");
        foreach (var token in tokens[..count])
        {
            text.Append(' ').Append(token.Kind switch { TokenKind.Word => 'w', TokenKind.Number => 'n', _ => 's' })
                .Append(':').Append(line.AsSpan(token.Start, token.Length));
        }
        return text.ToString();
    }

    /// <summary>The line upper-cased with every run of white space collapsed to one space.</summary>
    public static string Normalize(string line)
    {
        // A "longest line we expect" scratch buffer: 4096 chars are 8192 bytes, because a char is 2 bytes.
        Span<char> buffer = stackalloc char[4096]; // expect SD2001 (8192 bytes)
        if (line.Length > buffer.Length) return string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        int length = 0;
        bool space = true;
        foreach (char c in line)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space) buffer[length++] = ' ';
                space = true;
            }
            else
            {
                buffer[length++] = char.ToUpperInvariant(c);
                space = false;
            }
        }
        if (length > 0 && buffer[length - 1] == ' ') length--;
        return new string(buffer[..length]);
    }

    public static int CountKeywords(IEnumerable<string> lines)
    {
        int found = 0;
        // Quiet: 16 x 12 = 192 bytes, taken once per call and reused for every line.
        Span<Token> tokens = stackalloc Token[16];
        foreach (var line in lines)
        {
            int count = Tokenize(line, tokens);
            for (int t = 0; t < count; t++)
            {
                // A fresh 64-byte buffer for every token: stack memory comes back only when the method returns,
                // so a long enough input overflows the stack however small each buffer is.
                Span<char> upper = stackalloc char[32]; // expect SD2003 (64 bytes per iteration)
                var word = line.AsSpan(tokens[t].Start, Math.Min(tokens[t].Length, upper.Length));
                int length = word.ToUpperInvariant(upper);
                if (IsKeyword(upper[..length])) found++;
            }
        }
        return found;
    }

    /// <summary>The first letter of each word, upper-cased: "portable network graphics" is "PNG".</summary>
    public static string Acronym(string phrase)
    {
        int words = 0;
        for (int i = 0; i < phrase.Length; i++)
        {
            if (char.IsLetter(phrase[i]) && (i == 0 || !char.IsLetter(phrase[i - 1]))) words++;
        }
        if (words > 32) return "?";
        // Quiet: the early return above bounds the buffer to 32 chars (64 bytes).
        Span<char> letters = stackalloc char[words];
        int n = 0;
        for (int i = 0; i < phrase.Length; i++)
        {
            if (char.IsLetter(phrase[i]) && (i == 0 || !char.IsLetter(phrase[i - 1]))) letters[n++] = char.ToUpperInvariant(phrase[i]);
        }
        return new string(letters);
    }

    private static bool IsKeyword(ReadOnlySpan<char> word)
    {
        foreach (var keyword in Keywords)
        {
            if (word.SequenceEqual(keyword)) return true;
        }
        return false;
    }
}
