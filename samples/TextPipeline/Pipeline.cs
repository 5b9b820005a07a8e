namespace TextPipeline;

/// <summary>
/// Generates <see cref="Documents"/> documents of <see cref="LinesPerDocument"/> lines, cuts every line into
/// <see cref="WordsPerLine"/> words, counts them per document and keeps a summary. Every loop has a constant bound.
/// </summary>
public static class Pipeline
{
    public const int Documents = 40;
    public const int LinesPerDocument = 25;
    public const int WordsPerLine = 10;
    public const int WordLength = 5;
    private const int LineLength = WordsPerLine * (WordLength + 1);
    private const string Alphabet = "aeiourst";

    public static DocumentStats[] Run()
    {
        var summary = new DocumentStats[Documents];
        for (int seed = 0; seed < Documents; seed++)
        {
            var counts = Count(Generate(seed));
            var (word, occurrences) = counts.MostFrequent();
            summary[seed] = new DocumentStats(seed, counts.Distinct, word, occurrences);
        }
        return summary;
    }

    public static Document Generate(int seed)
    {
        var lines = new Line[LinesPerDocument];
        uint state = (uint)seed * 2246822519u + 7;
        for (int number = 0; number < LinesPerDocument; number++)
        {
            var text = new char[LineLength];
            for (int i = 0; i < LineLength; i++)
            {
                state = state * 1664525u + 1013904223u;
                text[i] = (i + 1) % (WordLength + 1) == 0 ? ' ' : Alphabet[(int)(state >> 29)];
            }
            lines[number] = new Line(number, text);
        }
        return new Document(seed, lines);
    }

    public static WordCounts Count(Document document)
    {
        var counts = new WordCounts();
        for (int number = 0; number < LinesPerDocument; number++)
        {
            var tokens = Tokenize(document.Lines[number]);
            for (int i = 0; i < WordsPerLine; i++) counts.Add(tokens[i]);
        }
        return counts;
    }

    public static Token[] Tokenize(Line line)
    {
        var tokens = new Token[WordsPerLine];
        for (int i = 0; i < WordsPerLine; i++)
            tokens[i] = new Token(new string(line.Text, i * (WordLength + 1), WordLength), line.Number);
        return tokens;
    }
}
