using System;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers;

/// <summary>
/// The analyzer options of a compilation, read once at compilation start from .editorconfig/.globalconfig keys
/// (<c>storage_analyzers.*</c>) or the MSBuild properties exposed with CompilerVisibleProperty.
/// </summary>
internal sealed class StorageOptions
{
    public const string PointerSizeKey = "storage_analyzers.pointer_size";
    public const string PointerSizeProperty = "build_property.StoragePointerSize";
    public const int DefaultPointerSize = 8;

    private StorageOptions(int pointerSize, string? invalidKey, string? invalidValue)
    {
        PointerSize = pointerSize;
        InvalidKey = invalidKey;
        InvalidValue = invalidValue;
    }

    public int PointerSize { get; }
    /// <summary>The key whose value could not be used (the default was used instead), or null.</summary>
    public string? InvalidKey { get; }
    public string? InvalidValue { get; }

    public static StorageOptions Read(AnalyzerOptions options)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        string key = PointerSizeKey;
        if (!global.TryGetValue(PointerSizeKey, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            key = PointerSizeProperty;
            if (!global.TryGetValue(PointerSizeProperty, out raw) || string.IsNullOrWhiteSpace(raw))
                return new StorageOptions(DefaultPointerSize, null, null);
        }
        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is 4 or 8
            ? new StorageOptions(size, null, null)
            : new StorageOptions(DefaultPointerSize, key, raw);
    }
}
