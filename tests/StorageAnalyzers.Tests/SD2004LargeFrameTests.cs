using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2004LargeFrameAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2004LargeFrameTests
{
    private const string Source = """
        using System;
        struct Block { public long A, B, C, D, E, F, G, H; }   // 64 bytes
        class Renderer
        {
            int {|#0:Render|}()
            {
                Span<byte> scratch = stackalloc byte[900];
                return scratch.Length;
            }
            int Small() { int x = 1; return x + 1; }
            long {|#1:Copy|}(Block a, Block b) { Block c = a; return c.A + b.B; }
        }
        """;

    [Fact]
    public async Task Frames_over_the_configured_share_of_the_stack_limit_are_reported()
    {
        // 1% of 64KB = 655 bytes: Render's 900-byte buffer is over, Small is not, Copy (two 64-byte struct
        // parameters and a 64-byte local) is not.
        await Verify.VerifyAsync(Source.Replace("{|#1:Copy|}", "Copy"), "storage_analyzers.stack_limit = 64KB\nSD2004.frame_share = 1%", OptimizationLevel.Release,
            Verify.Diagnostic(SD2004LargeFrameAnalyzer.Rule).WithLocation(0)
                .WithArguments("Renderer.Render", 960, "1.5%", "64KB", "stackalloc byte 912 B, scratch 16 B"));
    }

    [Fact]
    public async Task Struct_parameters_and_locals_count_and_the_default_share_is_quiet()
    {
        await Verify.VerifyAsync(Source.Replace("{|#0:Render|}", "Render").Replace("{|#1:Copy|}", "Copy"));
        await Verify.VerifyAsync(Source.Replace("{|#0:Render|}", "Render").Replace("stackalloc byte[900]", "stackalloc byte[8]"),
            "storage_analyzers.stack_limit = 2KB", OptimizationLevel.Release,
            Verify.Diagnostic(SD2004LargeFrameAnalyzer.Rule).WithLocation(1)
                .WithArguments("Renderer.Copy", 224, "10.9%", "2KB", "a 64 B, b 64 B, c 64 B"));
    }
}
