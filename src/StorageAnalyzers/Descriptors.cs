using Microsoft.CodeAnalysis;

namespace StorageAnalyzers;

/// <summary>The one factory for descriptors, so every rule gets its category, help link and tags the same way.</summary>
internal static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/StorageAnalyzers/StorageAnalyzers/blob/main/docs/rules/";

    public static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category,
        DiagnosticSeverity severity, string description, bool isEnabledByDefault = true, params string[] customTags) =>
#pragma warning disable RS2008 // release tracking is on: AnalyzerReleases.*.md are AdditionalFiles of this project
        new(id, title, messageFormat, category, severity, isEnabledByDefault, description, HelpLinkBase + id + ".md", customTags);
#pragma warning restore RS2008
}
