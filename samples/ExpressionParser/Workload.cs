namespace ExpressionParser;

/// <summary>What the program evaluates: a flat formula, and one nested <see cref="Depth"/> parentheses deep.</summary>
public static class Workload
{
    /// <summary>The nesting depth of <see cref="Nested"/>: run `simulate` with `--recursion-depth 200` to match it.</summary>
    public const int Depth = 200;

    private const string Flat = "3 * (4 + 5) - sqrt(16) / 2 + abs(-7.5) * 2";

    /// <summary>Parses and evaluates the nested formula: 1 + (1 + (1 + ... sqrt(1 + (... 1) ...)).</summary>
    public static double EvaluateNested()
    {
        var text = new char[Depth * 9 + 1];
        int length = 0;
        for (int level = 0; level < Depth; level++)
        {
            string opening = level % 10 == 9 ? "1+sqrt(" : "1+(";
            opening.CopyTo(text.AsSpan(length));
            length += opening.Length;
        }
        text[length++] = '1';
        for (int level = 0; level < Depth; level++) text[length++] = ')';
        var parser = new Parser(text.AsSpan(0, length));
        return parser.Parse();
    }

    public static double EvaluateFlat() => new Parser(Flat).Parse();
}
