namespace ExpressionParser;

/// <summary>The functions an expression may call, looked up by a lower-case name held on the stack.</summary>
public static class Functions
{
    public static double Apply(ReadOnlySpan<char> name, double argument) => name switch
    {
        "sqrt" => Math.Sqrt(argument),
        "abs" => Math.Abs(argument),
        "sin" => Math.Sin(argument),
        "cos" => Math.Cos(argument),
        "ln" => Math.Log(argument),
        _ => throw new FormatException($"Unknown function '{name}'."),
    };
}
