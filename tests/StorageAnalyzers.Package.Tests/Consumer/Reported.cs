using System.Text.RegularExpressions;

namespace StorageAnalyzers.Package.Tests.Consumer;

/// <summary>A diagnostic in a build: rule, file name, line and severity.</summary>
public sealed record Reported(string File, int Line, string Severity, string Id)
{
    private static readonly Regex BuildLine = new(
        @"^\s*(?<path>[^\r\n]+?)\((?<line>\d+),\d+\):\s+(?<severity>warning|error)\s+(?<id>SD\d{4}):",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public override string ToString() => $"{Severity} {Id} {File}:{Line}";

    /// <summary>The SDxxxx lines of MSBuild's console output (<c>path(line,col): warning SD2001: ...</c>), each once.</summary>
    public static List<Reported> InBuildOutput(string output) => BuildLine.Matches(output)
        .Select(m => new Reported(Path.GetFileName(m.Groups["path"].Value.Trim()), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["severity"].Value, m.Groups["id"].Value))
        .Distinct()
        .OrderBy(r => r.ToString(), StringComparer.Ordinal)
        .ToList();
}
