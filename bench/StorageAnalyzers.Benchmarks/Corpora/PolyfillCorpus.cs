using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.Benchmarks.Corpora;

/// <summary>
/// Real third-party code: the source-only package Polyfill as a netstandard2.0 project compiles it, with the
/// defines the SDK and Polyfill's .targets set for that target, and its opt-in folders left out as by default.
/// </summary>
internal static class PolyfillCorpus
{
    // Polyfill.targets removes these folders unless a property opts in.
    private static readonly string[] OptInFolders = ["Ensure", "Guard", "ArgumentExceptions", "Nullability", "StringInterpolation"];

    // The SDK's for netstandard2.0, then Polyfill.targets' for netstandard2.0 (the features netstandard.dll has).
    private static readonly string[] Defines =
    [
        "RELEASE", "TRACE", "NETSTANDARD", "NETSTANDARD2_0",
        "NETSTANDARD1_0_OR_GREATER", "NETSTANDARD1_1_OR_GREATER", "NETSTANDARD1_2_OR_GREATER", "NETSTANDARD1_3_OR_GREATER",
        "NETSTANDARD1_4_OR_GREATER", "NETSTANDARD1_5_OR_GREATER", "NETSTANDARD1_6_OR_GREATER", "NETSTANDARD2_0_OR_GREATER",
        "FeatureValueTuple", "FeatureRuntimeInformation", "FeatureCompression", "FeatureNumerics",
    ];

    public static Corpus Load()
    {
        var folder = Path.Combine(Paths.Of("Polyfill"), "contentFiles", "cs", "netstandard2.0");
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: Defines);
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !OptInFolders.Contains(Path.GetFileName(Path.GetDirectoryName(file))))
            .Order(StringComparer.Ordinal)
            .Select(file => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file)), parseOptions, file))
            .ToImmutableArray();
        var referenceFolder = Path.Combine(Paths.Of("NETStandard.Library"), "build", "netstandard2.0", "ref");
        var references = Directory.EnumerateFiles(referenceFolder, "*.dll")
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
        var project = new CorpusProject("Polyfill", trees, references, CorpusProject.LibraryOptions());
        return new Corpus("polyfill", [project], Targeted: true);
    }
}
