using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2001StackallocTooLargeAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2001StackallocTooLargeTests
{
    private static DiagnosticResult At(int marker, string what, long bytes, string limit) =>
        Verify.Diagnostic(SD2001StackallocTooLargeAnalyzer.Descriptor).WithLocation(marker).WithArguments(what, bytes, limit);

    [Fact]
    public async Task Constant_buffers_over_the_default_1KB_are_reported_with_real_element_sizes()
    {
        const string source = """
            using System;
            struct Rgba { public byte R, G, B; public float A; }   // 8 bytes with padding
            struct Pair<T> where T : unmanaged { public T First; public T Second; }
            unsafe class Codec
            {
                void Run()
                {
                    Span<byte> small = stackalloc byte[1024];
                    Span<byte> big = {|#0:stackalloc byte[1025]|};
                    Span<Rgba> pixels = {|#1:stackalloc Rgba[200]|};
                    Span<Pair<long>> pairs = {|#2:stackalloc Pair<long>[65]|};
                    ReadOnlySpan<int> table = {|#3:stackalloc int[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
                        51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80,
                        81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108,
                        109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132,
                        133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156,
                        157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180,
                        181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204,
                        205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228,
                        229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252,
                        253, 254, 255, 256, 257 }|};
                    byte* raw = {|#4:stackalloc byte[4096]|};
                    Consume(small, big, pixels, pairs, table, raw);
                }
                static void Consume(Span<byte> a, Span<byte> b, Span<Rgba> c, Span<Pair<long>> d, ReadOnlySpan<int> e, byte* f) { }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "1025 x byte", 1025, "1KB"),
            At(1, "200 x Rgba", 1600, "1KB"),
            At(2, "65 x Pair<long>", 1040, "1KB"),
            At(3, "257 x int", 1028, "1KB"),
            At(4, "4096 x byte", 4096, "1KB"));
    }

    [Fact]
    public async Task Only_the_keyword_counts_not_the_word_in_comments_strings_or_names()
    {
        const string source = """
            using System;
            class Codec
            {
                // stackalloc byte[4096] would be too large here
                const string Note = "stackalloc byte[4096]";
                static int stackallocCount, @stackalloc;
                int Run()
                {
                    /* stackalloc */ Span<byte> big = {|#0:stackalloc byte[2048]|};
                    Span<int> outer = stackalloc int[] { {|#1:stackalloc long[300]|}.Length };
                    return big.Length + outer.Length + stackallocCount + @stackalloc + Note.Length;
                }
            }
            """;
        await Verify.VerifyAsync(source, At(0, "2048 x byte", 2048, "1KB"), At(1, "300 x long", 2400, "1KB"));
    }

    [Fact]
    public async Task The_limit_comes_from_the_shared_key_and_a_per_rule_key_overrides_it()
    {
        const string source = """
            using System;
            class Codec
            {
                int Run()
                {
                    Span<byte> a = {|#0:stackalloc byte[300]|};
                    return a.Length;
                }
            }
            """;
        await Verify.VerifyAsync(source, "storage_analyzers.stackalloc_limit = 256", OptimizationLevel.Release, At(0, "300 x byte", 300, "256 bytes"));
        await Verify.VerifyAsync(source, "storage_analyzers.stackalloc_limit = 256\nSD2001.stackalloc_limit = 1KB", OptimizationLevel.Release);
        await Verify.VerifyAsync(source, "build_property.StorageStackallocLimit = 0.25KB", OptimizationLevel.Release, At(0, "300 x byte", 300, "256 bytes"));
    }

    [Fact]
    public async Task A_bad_limit_falls_back_to_the_default()
    {
        const string source = """
            using System;
            class Codec
            {
                int Run()
                {
                    Span<byte> a = stackalloc byte[300];
                    Span<byte> b = {|#0:stackalloc byte[2000]|};
                    return a.Length + b.Length;
                }
            }
            """;
        await Verify.VerifyAsync(source, "storage_analyzers.stackalloc_limit = lots", OptimizationLevel.Release, At(0, "2000 x byte", 2000, "1KB"));
    }
}
