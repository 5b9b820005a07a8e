using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Options;

/// <summary>
/// One configuration value, looked up in order: the rule's own key (<c>SD2001.stackalloc_limit</c>), the shared key
/// (<c>storage_analyzers.stackalloc_limit</c>) in the file's .editorconfig or a .globalconfig, the MSBuild property
/// (<c>build_property.StorageStackallocLimit</c>), then the default. A value that does not parse is skipped (SD9001
/// reports it) so a typo never changes results silently and never stops analysis.
/// </summary>
internal sealed class Setting<T>
    where T : struct
{
    private readonly Func<string, T?> _parse;
    private readonly Func<T, string> _format;

    public Setting(string name, string? msbuildProperty, T defaultValue, Func<string, T?> parse, Func<T, string> format,
        string expectation, params string[] ruleIds)
    {
        Name = name;
        MsbuildProperty = msbuildProperty;
        Default = defaultValue;
        _parse = parse;
        _format = format;
        Expectation = expectation;
        RuleIds = ruleIds;
    }

    public string Name { get; }
    public string? MsbuildProperty { get; }
    public T Default { get; }
    /// <summary>What a valid value looks like, for SD9001's message.</summary>
    public string Expectation { get; }
    /// <summary>Rules that accept a per-rule override of this setting.</summary>
    public IReadOnlyList<string> RuleIds { get; }
    public string SharedKey => "storage_analyzers." + Name;
    public string DefaultText => _format(Default);

    /// <summary>The value in force for <paramref name="tree"/> (or the whole compilation when null) and a rule.</summary>
    public T Read(AnalyzerConfigOptionsProvider provider, SyntaxTree? tree, string? ruleId)
    {
        var local = tree is null ? provider.GlobalOptions : provider.GetOptions(tree);
        foreach (var key in Keys(ruleId))
        {
            if ((local.TryGetValue(key, out var raw) || provider.GlobalOptions.TryGetValue(key, out raw))
                && !string.IsNullOrWhiteSpace(raw) && _parse(raw.Trim()) is { } value)
                return value;
        }
        return Default;
    }

    /// <summary>Every key whose value is set but does not parse, in the given options.</summary>
    public IEnumerable<(string Key, string Value)> InvalidValues(AnalyzerConfigOptions options)
    {
        foreach (var key in Keys(null, allRules: true))
        {
            if (options.TryGetValue(key, out var raw) && !string.IsNullOrWhiteSpace(raw) && _parse(raw.Trim()) is null)
                yield return (key, raw);
        }
    }

    private IEnumerable<string> Keys(string? ruleId, bool allRules = false)
    {
        if (allRules)
        {
            foreach (var id in RuleIds) yield return id + "." + Name;
        }
        else if (ruleId is not null)
        {
            yield return ruleId + "." + Name;
        }
        yield return SharedKey;
        if (MsbuildProperty is not null) yield return "build_property." + MsbuildProperty;
    }
}
