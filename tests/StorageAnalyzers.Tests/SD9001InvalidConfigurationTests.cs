using Microsoft.CodeAnalysis;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD9001InvalidConfigurationAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD9001InvalidConfigurationTests
{
    [Theory]
    [InlineData("storage_analyzers.pointer_size = 6", "storage_analyzers.pointer_size", "6")]
    [InlineData("storage_analyzers.pointer_size = eight", "storage_analyzers.pointer_size", "eight")]
    [InlineData("build_property.StoragePointerSize = 16", "build_property.StoragePointerSize", "16")]
    public async Task Bad_pointer_size_is_reported_once_naming_the_key(string config, string key, string value)
    {
        await Verify.VerifyAsync("class C { }", config, OptimizationLevel.Release,
            Verify.Diagnostic(SD9001InvalidConfigurationAnalyzer.Rule)
                .WithArguments(key, value, "the pointer size is 8 (64-bit) or 4 (32-bit)", 8));
    }

    [Theory]
    [InlineData("storage_analyzers.pointer_size = 4")]
    [InlineData("storage_analyzers.pointer_size = 8")]
    [InlineData("build_property.StoragePointerSize = 4")]
    [InlineData("build_property.StoragePointerSize = ")]
    public async Task Valid_or_empty_values_are_quiet(string config) =>
        await Verify.VerifyAsync("class C { }", config, OptimizationLevel.Release);
}
