using System;
using System.Globalization;

namespace StorageAnalyzers.Simulator;

/// <summary>Sizes as people write them in options and configuration: <c>1024</c>, <c>512KB</c>, <c>1MB</c>, <c>1.5MB</c>
/// (KB = 1024 bytes; KiB, K and B accepted, any case).</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Multiplier)[] Units =
    {
        ("GIB", 1L << 30), ("GB", 1L << 30), ("G", 1L << 30),
        ("MIB", 1L << 20), ("MB", 1L << 20), ("M", 1L << 20),
        ("KIB", 1L << 10), ("KB", 1L << 10), ("K", 1L << 10),
        ("B", 1),
    };

    /// <summary>The size in bytes, or null when the text is not a positive size.</summary>
    public static long? Parse(string raw)
    {
        if (raw is null) throw new ArgumentNullException(nameof(raw));
        var text = raw.Replace(" ", "").ToUpperInvariant();
        long unit = 1;
        foreach (var (suffix, multiplier) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                unit = multiplier;
                text = text.Substring(0, text.Length - suffix.Length);
                break;
            }
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0) return null;
        var bytes = number * unit;
        return bytes >= 1 && bytes <= long.MaxValue ? (long)bytes : null;
    }

    /// <summary>The shortest exact way to write a size in configuration: <c>1MB</c>, <c>512KB</c>, <c>1000 bytes</c>.</summary>
    public static string Format(long bytes) =>
        bytes % (1L << 20) == 0 ? $"{bytes >> 20}MB" : bytes % 1024 == 0 ? $"{bytes >> 10}KB" : $"{bytes} bytes";

    /// <summary>A size for people to read, at most one decimal: <c>96 B</c>, <c>12.5 KB</c>, <c>1.5 MB</c>, <c>4 GB</c>.</summary>
    public static string Describe(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        string[] units = { "KB", "MB", "GB", "TB", "PB", "EB" };
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
