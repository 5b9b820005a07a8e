using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD1002AllocationSiteAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD1002StackallocArrayFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD1002StackallocArrayFixerTests
{
    private const string Key = SD1002StackallocArrayFixer.EquivalenceKey;

    /// <summary>SD1002 also tags the new stackalloc, which this fixer never touches: the fixed code's markup lists it.</summary>
    private static Task VerifyAsync(string source, string fixedSource, string? globalConfig = null, int? fixAllIterations = null)
    {
        var test = new Verify.Test(Key, globalConfig) { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        if (fixAllIterations is { } iterations) test.NumberOfFixAllIterations = iterations;
        return test.RunAsync();
    }

    [Fact]
    public async Task A_small_local_array_moves_to_the_stack_and_AsSpan_calls_follow()
    {
        await VerifyAsync("""
            using System;

            class C
            {
                static int Sum(ReadOnlySpan<int> values)
                {
                    int sum = 0;
                    foreach (var v in values) sum += v;
                    return sum;
                }

                static int M(int seed)
                {
                    var digits = [|new int[8]|];
                    for (int i = 0; i < digits.Length; i++) digits[i] = seed + i;
                    digits[^1] = 0;
                    int total = Sum(digits) + Sum(digits.AsSpan(2, 3)) + digits.AsSpan().IndexOf(seed);
                    foreach (var d in digits) total += d;
                    return total;
                }
            }
            """, """
            using System;

            class C
            {
                static int Sum(ReadOnlySpan<int> values)
                {
                    int sum = 0;
                    foreach (var v in values) sum += v;
                    return sum;
                }

                static int M(int seed)
                {
                    Span<int> digits = [|stackalloc int[8]|];
                    for (int i = 0; i < digits.Length; i++) digits[i] = seed + i;
                    digits[^1] = 0;
                    int total = Sum(digits) + Sum(digits.Slice(2, 3)) + digits.IndexOf(seed);
                    foreach (var d in digits) total += d;
                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task Initializers_keep_their_values_and_using_System_is_added()
    {
        // With an initializer every element is written, so [SkipLocalsInit] does not matter. Every fix adds
        // `using System;`: the batch merge of Fix All drops some of those as conflicting and a second pass applies them.
        await VerifyAsync("""
            using System.Runtime.CompilerServices;

            class C
            {
                static int A()
                {
                    int[] primes = [|{ 2, 3, 5, 7 }|];
                    return primes[1];
                }

                static int B()
                {
                    var table = [|new byte[] { 1, 2, 3 }|];
                    return table[0] + table.Length;
                }

                [SkipLocalsInit]
                static long D()
                {
                    var pairs = [|new[] { 1L, 2L }|];
                    return pairs[0] * pairs[1];
                }
            }
            """, """
            using System;
            using System.Runtime.CompilerServices;

            class C
            {
                static int A()
                {
                    Span<int> primes = [|stackalloc int[] { 2, 3, 5, 7 }|];
                    return primes[1];
                }

                static int B()
                {
                    Span<byte> table = [|stackalloc byte[] { 1, 2, 3 }|];
                    return table[0] + table.Length;
                }

                [SkipLocalsInit]
                static long D()
                {
                    Span<long> pairs = [|stackalloc[] { 1L, 2L }|];
                    return pairs[0] * pairs[1];
                }
            }
            """, fixAllIterations: 2);
    }

    [Fact]
    public async Task Arrays_that_escape_or_cannot_be_a_span_are_not_offered()
    {
        const string source = """
            using System;
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;

            class C
            {
                int[] _kept = [];

                static int Use(int[] array) => array.Length;
                static int Use(ReadOnlySpan<int> span) => span.Length;
                static ReadOnlySpan<int> Echo(ReadOnlySpan<int> span) => span;

                static int[] Returned() { var a = [|new int[4]|]; return a; }
                void Stored() { var b = [|new int[4]|]; _kept = b; }
                static int PassedAsArray() { var c = [|new int[4]|]; return Use(c) + Array.IndexOf(c, 1); }
                static int SpanComesBack() { var d = [|new int[4]|]; return Echo(d)[0]; }
                static int Captured() { var e = [|new int[4]|]; int Read() => e[0]; return Read(); }
                static int TooLarge() { var f = [|new long[200]|]; return f.Length; }
                static int LongIndex() { var g = [|new int[4]|]; return g[2L]; }
                static int Reassigned() { var h = [|new int[4]|]; h = [|new int[8]|]; return h[0]; }
                static int Writable() { var i = [|new int[4]|]; Span<int> view = i.AsSpan(); return view[0]; }
                static int InCatch() { try { return 0; } catch { var j = [|new int[4]|]; return j[0]; } }
                [SkipLocalsInit] static int NotZeroed() { var k = [|new int[4]|]; return k[0]; }
                static async Task<int> {|SD1002:Suspends|}() { var l = [|new int[4]|]; await Task.Yield(); return l[0]; }

                static int InLoop(int n)
                {
                    int sum = 0;
                    for (int x = 0; x < n; x++) { var m = [|new int[4]|]; sum += m[x & 3]; }
                    return sum;
                }
            }
            """;
        await VerifyAsync(source, source);
    }

    [Fact]
    public async Task The_limit_is_the_one_SD2001_enforces()
    {
        // 32 bytes: over the shared limit, within SD2001's own.
        const string source = """
            class C
            {
                static int M()
                {
                    var values = [|new int[8]|];
                    return values[0];
                }
            }
            """;
        await VerifyAsync(source, source, globalConfig: "storage_analyzers.stackalloc_limit = 16");
        await VerifyAsync(source, """
            using System;

            class C
            {
                static int M()
                {
                    Span<int> values = [|stackalloc int[8]|];
                    return values[0];
                }
            }
            """, globalConfig: "storage_analyzers.stackalloc_limit = 16\nSD2001.stackalloc_limit = 32");
    }

    [Fact]
    public async Task Fix_all_moves_every_eligible_array()
    {
        await VerifyAsync("""
            using System;

            class C
            {
                static int M()
                {
                    var a = [|new int[2]|];
                    var b = [|new char[] { 'x', 'y' }|];
                    a[0] = b[1];
                    return a[0];
                }

                static int N() { var c = [|new byte[16]|]; return c.Length; }
            }
            """, """
            using System;

            class C
            {
                static int M()
                {
                    Span<int> a = [|stackalloc int[2]|];
                    Span<char> b = [|stackalloc char[] { 'x', 'y' }|];
                    a[0] = b[1];
                    return a[0];
                }

                static int N() { Span<byte> c = [|stackalloc byte[16]|]; return c.Length; }
            }
            """);
    }
}
