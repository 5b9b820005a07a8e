namespace TextPipeline;

/// <summary>One generated line: its number and its characters (words of letters separated by spaces).</summary>
public sealed record Line(int Number, char[] Text);

public sealed record Document(int Seed, Line[] Lines);

/// <summary>A word cut out of a line.</summary>
public sealed record Token(string Text, int Line);

/// <summary>What the pipeline keeps of each document.</summary>
public sealed record DocumentStats(int Seed, int DistinctWords, string MostFrequent, int Occurrences);
