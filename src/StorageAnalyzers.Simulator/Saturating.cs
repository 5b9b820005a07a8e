namespace StorageAnalyzers.Simulator;

/// <summary>Byte and count arithmetic that sticks at <see cref="long.MaxValue"/>: nested assumed loops multiply fast, and
/// "more than anything" is the honest answer, not a wrapped negative number.</summary>
public static class Saturating
{
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Multiply(long a, long b)
    {
        if (a == 0 || b == 0) return 0;
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }
}
