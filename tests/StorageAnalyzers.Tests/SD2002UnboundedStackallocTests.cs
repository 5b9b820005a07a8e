using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2002UnboundedStackallocAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2002UnboundedStackallocTests
{
    private static DiagnosticResult At(int marker, string type, string detail) =>
        Verify.Diagnostic(SD2002UnboundedStackallocAnalyzer.Descriptor).WithLocation(marker).WithArguments(type, detail);

    private const string NoBound = "has no bound in the code: a large count overflows the stack (limit 1KB)";

    [Fact]
    public async Task Unguarded_run_time_counts_are_reported()
    {
        const string source = """
            using System;
            unsafe class Parser
            {
                int Parse(string text, int n)
                {
                    Span<char> chars = {|#0:stackalloc char[text.Length]|};
                    byte* raw = {|#1:stackalloc byte[n]|};
                    return chars.Length + raw[0];
                }
            }
            """;
        await Verify.VerifyAsync(source, At(0, "char", NoBound), At(1, "byte", NoBound));
    }

    [Fact]
    public async Task Guards_that_keep_the_size_within_the_limit_are_quiet()
    {
        const string source = """
            using System;
            class Parser
            {
                int Conditional(int n) { Span<byte> b = n <= 256 ? stackalloc byte[n] : new byte[n]; return b.Length; }
                int Reversed(int n) { Span<byte> b = 512 > n ? stackalloc byte[n] : new byte[n]; return b.Length; }
                int Inverted(int n) { Span<byte> b = n > 256 ? new byte[n] : stackalloc byte[n]; return b.Length; }
                int EarlyThrow(int n)
                {
                    if (n > 128) throw new ArgumentOutOfRangeException(nameof(n));
                    Span<int> b = stackalloc int[n];
                    return b.Length;
                }
                int EarlyReturn(int n)
                {
                    if (n < 0 || n > 100) { return -1; }
                    Span<int> b = stackalloc int[n * 2];
                    return b.Length;
                }
                int Enclosing(int n)
                {
                    if (n <= 64)
                    {
                        Span<long> b = stackalloc long[n];
                        return b.Length;
                    }
                    return 0;
                }
                int Min(int n) { Span<char> b = stackalloc char[Math.Min(n, 512)]; return b.Length; }
                int Clamp(int n) { Span<char> b = stackalloc char[Math.Clamp(n, 1, 100)]; return b.Length; }
                int SmallType(byte n) { Span<int> b = stackalloc int[n]; return b.Length; }
                int Length(string s) { Span<char> b = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length]; return b.Length; }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Guards_that_allow_more_than_the_limit_say_how_much()
    {
        const string source = """
            using System;
            class Parser
            {
                int Conditional(int n) { Span<int> b = n <= 1000 ? {|#0:stackalloc int[n]|} : new int[n]; return b.Length; }
                int Min(int n) { Span<long> b = {|#1:stackalloc long[Math.Min(n, 200)]|}; return b.Length; }
                int Wrong(int n) { Span<byte> b = n >= 16 ? {|#2:stackalloc byte[n]|} : new byte[16]; return b.Length; }
                int ShortCount(short n) { Span<byte> b = {|#3:stackalloc byte[n]|}; return b.Length; }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "int", "can take up to 4000 bytes (n <= 1000), over the stackalloc limit of 1KB"),
            At(1, "long", "can take up to 1600 bytes (Math.Min(..., 200)), over the stackalloc limit of 1KB"),
            At(2, "byte", NoBound),
            At(3, "byte", "can take up to 32767 bytes (a short count), over the stackalloc limit of 1KB"));
    }

    [Fact]
    public async Task Constant_sizes_are_left_to_SD2001()
    {
        const string source = """
            using System;
            class Parser
            {
                const int Size = 4096;
                int Run() { Span<byte> b = stackalloc byte[Size]; return b.Length; }
            }
            """;
        await Verify.VerifyAsync(source);
    }
}
