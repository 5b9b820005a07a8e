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
    [InlineData("storage_analyzers.stack_limit = big", "storage_analyzers.stack_limit", "big", "a size in bytes, or with a KB or MB suffix (e.g. 1MB)", "1MB")]
    [InlineData("storage_analyzers.stackalloc_limit = -5", "storage_analyzers.stackalloc_limit", "-5", "a size in bytes, or with a KB or MB suffix (e.g. 1KB)", "1KB")]
    [InlineData("SD2001.stackalloc_limit = 12XB", "SD2001.stackalloc_limit", "12XB", "a size in bytes, or with a KB or MB suffix (e.g. 1KB)", "1KB")]
    [InlineData("build_property.StorageStackLimit = 0", "build_property.StorageStackLimit", "0", "a size in bytes, or with a KB or MB suffix (e.g. 1MB)", "1MB")]
    [InlineData("SD2004.frame_share = 150%", "SD2004.frame_share", "150%", "a share of the stack limit above 0 and at most 1, as 0.1 or 10%", "10%")]
    public async Task Bad_sizes_and_shares_are_reported_naming_the_key(string config, string key, string value, string expectation, string fallback)
    {
        await Verify.VerifyAsync("class C { }", config, OptimizationLevel.Release,
            Verify.Diagnostic(SD9001InvalidConfigurationAnalyzer.Rule).WithArguments(key, value, expectation, fallback));
    }

    [Fact]
    public async Task The_same_bad_value_is_reported_once_per_compilation()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<SD9001InvalidConfigurationAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80,
        };
        test.TestState.Sources.Add(("/src/A.cs", "class A { }"));
        test.TestState.Sources.Add(("/src/B.cs", "class B { }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nstorage_analyzers.stack_limit = huge\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(SD9001InvalidConfigurationAnalyzer.Rule)
            .WithArguments("storage_analyzers.stack_limit", "huge", "a size in bytes, or with a KB or MB suffix (e.g. 1MB)", "1MB"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("storage_analyzers.stack_limit = 8MB")]
    [InlineData("storage_analyzers.stackalloc_limit = 512")]
    [InlineData("storage_analyzers.stackalloc_limit = 1.5 KB")]
    [InlineData("SD2004.frame_share = 0.25")]
    [InlineData("storage_analyzers.pointer_size = 4")]
    [InlineData("storage_analyzers.pointer_size = 8")]
    [InlineData("build_property.StoragePointerSize = 4")]
    [InlineData("build_property.StoragePointerSize = ")]
    public async Task Valid_or_empty_values_are_quiet(string config) =>
        await Verify.VerifyAsync("class C { }", config, OptimizationLevel.Release);
}
