using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers;

/// <summary>
/// Base of every StorageAnalyzers rule: concurrent, skips generated code, reads the options once per compilation
/// and hands each rule the shared <see cref="StorageModel"/>, so no rule can forget these or classify twice.
/// </summary>
public abstract class StorageAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            int pointerSize = Settings.PointerSize.Read(start.Options.AnalyzerConfigOptionsProvider, tree: null, ruleId: null);
            var model = StorageModel.For(start.Compilation, pointerSize);
            OnCompilationStart(start, model);
        });
    }

    protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model);

    /// <summary>Diagnostic properties a fixer or a script can read without re-deriving the storage.</summary>
    protected static ImmutableDictionary<string, string?> Properties(StorageClass storage, long? sizeBytes) =>
        ImmutableDictionary<string, string?>.Empty
            .Add("storage", storage.ToJsonValue())
            .Add("sizeBytes", sizeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// <see cref="Properties(StorageClass, long?)"/> plus <c>kind</c> and one or two more entries, shared: the tag rules
    /// report one diagnostic per variable and allocation site, and the driver keeps every one of them (with its
    /// properties) until analysis ends, while the distinct bags are few (storage x size x kind x flags). The bags are
    /// immutable, so one instance serves every diagnostic that carries the same values.
    /// </summary>
    protected static ImmutableDictionary<string, string?> Properties(StorageClass storage, long? sizeBytes, string kind,
        string key3, string? value3, string? key4 = null, string? value4 = null)
    {
        var key = (storage, sizeBytes, kind, key3, value3, key4, value4);
        if (SharedProperties.TryGetValue(key, out var shared)) return shared;
        var properties = Properties(storage, sizeBytes).Add("kind", kind).Add(key3, value3);
        if (key4 is not null) properties = properties.Add(key4, value4);
        // Bounded: sizes vary per type, but a pathological compilation must not grow a process-wide cache forever.
        if (SharedProperties.Count < MaxSharedProperties) SharedProperties.TryAdd(key, properties);
        return properties;
    }

    private const int MaxSharedProperties = 16_384;

    private static readonly ConcurrentDictionary<(StorageClass Storage, long? SizeBytes, string Kind, string Key3, string? Value3, string? Key4, string? Value4),
        ImmutableDictionary<string, string?>> SharedProperties = new();

    /// <summary>"1 byte", "24 bytes", "size known at run time" (the tags' wording).</summary>
    protected static string Bytes(long? size) =>
        size is not { } value ? "size known at run time" : value == 1 ? "1 byte" : ByteCount(value, likely: false);

    /// <summary>"24 bytes" or "likely 24 bytes": one diagnostic per variable and site repeats a few sizes, so the
    /// texts of small sizes are made once.</summary>
    protected static string ByteCount(long value, bool likely)
    {
        if (value is < 0 or >= SmallSizes) return Format(value, likely);
        var texts = likely ? LikelyByteCounts : ByteCounts;
        return texts[value] ??= Format(value, likely);

        static string Format(long value, bool likely) =>
            (likely ? "likely " : "") + value.ToString(CultureInfo.InvariantCulture) + " bytes";
    }

    private const int SmallSizes = 4096;
    private static readonly string?[] ByteCounts = new string?[SmallSizes];
    private static readonly string?[] LikelyByteCounts = new string?[SmallSizes];
}
