using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Cli.Output;

/// <summary>A 1-based line and column, as the contract prints them.</summary>
internal readonly record struct Position(int Line, int Column) : IComparable<Position>
{
    public static Position Of(Location location)
    {
        var start = location.GetLineSpan().StartLinePosition;
        return new Position(start.Line + 1, start.Character + 1);
    }

    public int CompareTo(Position other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);

    public override string ToString() => $"{Line}:{Column}";
}
