using System.Collections.Immutable;
using System.Globalization;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>What the stack rules hand to the code fixes, so a fixer never re-derives the analyzer's facts.</summary>
public static class StackallocProperties
{
    public const string SizeBytes = "sizeBytes";
    public const string MaxSizeBytes = "maxSizeBytes";
    public const string StackallocLimit = "stackallocLimit";

    public static ImmutableDictionary<string, string?> Of(AllocationSite site, long? limit) =>
        ImmutableDictionary<string, string?>.Empty
            .Add(SizeBytes, site.SizeBytes?.ToString(CultureInfo.InvariantCulture))
            .Add(MaxSizeBytes, site.MaxSizeBytes?.ToString(CultureInfo.InvariantCulture))
            .Add(StackallocLimit, limit?.ToString(CultureInfo.InvariantCulture));
}
