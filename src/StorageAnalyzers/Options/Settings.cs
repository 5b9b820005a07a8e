using System;
using System.Globalization;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Options;

/// <summary>Every configuration value the analyzers read, with its keys, default and parser.</summary>
internal static class Settings
{
    public static readonly Setting<int> PointerSize = new(
        "pointer_size", "StoragePointerSize", 8,
        raw => raw is "8" ? 8 : raw is "4" ? 4 : null, v => v.ToString(CultureInfo.InvariantCulture),
        "the pointer size is 8 (64-bit) or 4 (32-bit)");

    public static readonly Setting<long> StackLimit = new(
        "stack_limit", "StorageStackLimit", SimulationDefaults.MainThreadStackBytes, ParseSize, FormatSize,
        "a size in bytes, or with a KB or MB suffix (e.g. 1MB)", RuleIds.LargeFrame, RuleIds.RecursiveStackBuffer, RuleIds.EntryStackBudget);

    public static readonly Setting<long> StackallocLimit = new(
        "stackalloc_limit", "StorageStackallocLimit", 1024, ParseSize, FormatSize,
        "a size in bytes, or with a KB or MB suffix (e.g. 1KB)", RuleIds.StackallocTooLarge, RuleIds.UnboundedStackalloc);

    public static readonly Setting<double> FrameShare = new(
        "frame_share", null, 0.1, ParseShare, v => v.ToString("0.##%", CultureInfo.InvariantCulture),
        "a share of the stack limit above 0 and at most 1, as 0.1 or 10%", RuleIds.LargeFrame);

    public static readonly Setting<long>[] Sizes = { StackLimit, StackallocLimit };

    /// <summary>Bytes: <c>1024</c>, <c>512KB</c>, <c>1MB</c>, <c>1.5MB</c>; the CLI's <c>--stack-limit</c> reads sizes the same way.</summary>
    public static long? ParseSize(string raw) => ByteSize.Parse(raw);

    public static string FormatSize(long bytes) => ByteSize.Format(bytes);

    private static double? ParseShare(string raw)
    {
        bool percent = raw.EndsWith("%", StringComparison.Ordinal);
        var text = percent ? raw.Substring(0, raw.Length - 1).Trim() : raw;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
        if (percent) value /= 100;
        return value > 0 && value <= 1 ? value : null;
    }
}
