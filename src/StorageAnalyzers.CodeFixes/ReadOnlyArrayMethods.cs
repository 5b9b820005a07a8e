using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.CodeFixes;

/// <summary>
/// Library methods known to read the arrays passed to them (a <c>params</c> array or an array argument) without
/// keeping or changing them, so one array can serve every call. A method outside this list may store the array or
/// write into it, and then each call needs its own.
/// </summary>
internal static class ReadOnlyArrayMethods
{
    private static readonly Dictionary<string, HashSet<string>> ByType = new()
    {
        ["System.String"] = new() { "Split", "Trim", "TrimStart", "TrimEnd", "IndexOfAny", "LastIndexOfAny", "Concat", "Join", "Format" },
        ["System.IO.Path"] = new() { "Combine", "Join" },
        ["System.Console"] = new() { "Write", "WriteLine" },
        ["System.Text.StringBuilder"] = new() { "AppendFormat", "AppendJoin" },
        ["System.Array"] = new() { "IndexOf", "LastIndexOf" },
    };

    public static bool Contains(IMethodSymbol method) =>
        method.ContainingType is { } type && ByType.TryGetValue($"{type.ContainingNamespace}.{type.MetadataName}", out var names) && names.Contains(method.Name);
}
