namespace StorageAnalyzers.Cli;

internal static class TextExtensions
{
    /// <summary>Collapses line breaks and runs of spaces, so that each message stays one line on stderr.</summary>
    public static string ToOneLine(this string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
