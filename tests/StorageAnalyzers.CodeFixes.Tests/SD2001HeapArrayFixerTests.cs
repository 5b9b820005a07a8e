using StorageAnalyzers.CodeFixes.Fixers;
using TooLarge = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD2001StackallocTooLargeAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD2001HeapArrayFixer>;
using Unbounded = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD2002UnboundedStackallocAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD2001HeapArrayFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD2001HeapArrayFixerTests
{
    private const string Key = SD2001HeapArrayFixer.EquivalenceKey;

    [Fact]
    public async Task Constant_count_span_local_becomes_an_array()
    {
        await TooLarge.VerifyAsync("""
            using System;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static void M()
                {
                    Span<Pair<int>> pairs = [|stackalloc Pair<int>[1000]|];
                    pairs[0].A = 1;
                }
            }
            """, """
            using System;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static void M()
                {
                    Span<Pair<int>> pairs = new Pair<int>[1000];
                    pairs[0].A = 1;
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Run_time_count_read_only_span_and_a_switch_section_are_fixed()
    {
        await Unbounded.VerifyAsync("""
            using System;

            class C
            {
                static int M(int kind, int n)
                {
                    switch (kind)
                    {
                        case 1:
                            ReadOnlySpan<byte> zeros = [|stackalloc byte[n]|];
                            return zeros.Length;
                        default:
                            return 0;
                    }
                }
            }
            """, """
            using System;

            class C
            {
                static int M(int kind, int n)
                {
                    switch (kind)
                    {
                        case 1:
                            ReadOnlySpan<byte> zeros = new byte[n];
                            return zeros.Length;
                        default:
                            return 0;
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task A_span_that_outlives_its_block_can_still_be_a_heap_array()
    {
        await TooLarge.VerifyAsync("""
            using System;

            class C
            {
                static int M(bool flag)
                {
                    Span<int> outer = stackalloc int[1];
                    if (flag)
                    {
                        Span<int> inner = [|stackalloc int[4096]|];
                        outer = inner;
                    }
                    return outer[0];
                }
            }
            """, """
            using System;

            class C
            {
                static int M(bool flag)
                {
                    Span<int> outer = stackalloc int[1];
                    if (flag)
                    {
                        Span<int> inner = new int[4096];
                        outer = inner;
                    }
                    return outer[0];
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Stackalloc_passed_to_a_span_parameter_becomes_an_array_argument()
    {
        await Unbounded.VerifyAsync("""
            using System;

            class C
            {
                static int Use(Span<long> values) => values.Length;

                static int M(int n) => Use([|stackalloc long[n]|]);
            }
            """, """
            using System;

            class C
            {
                static int Use(Span<long> values) => values.Length;

                static int M(int n) => Use(new long[n]);
            }
            """, Key);
    }

    [Fact]
    public async Task An_argument_that_would_bind_to_another_overload_or_break_inference_is_not_offered()
    {
        const string source = """
            using System;

            class C
            {
                static int Use(Span<int> values) => 1;
                static int Use(int[] values) => 2;
                static int Infer<T>(Span<T> values) => values.Length;

                static int M(int n) => Use([|stackalloc int[n]|]) + Infer([|stackalloc int[n]|]);
            }
            """;
        await Unbounded.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task Pointer_form_and_a_reassigned_span_are_not_offered()
    {
        // With a heap initializer, b = stackalloc int[4] would no longer compile (CS8353).
        const string source = """
            using System;

            class C
            {
                static unsafe void M(int n)
                {
                    int* p = [|stackalloc int[n]|];
                    Span<int> b = [|stackalloc int[n]|];
                    b = stackalloc int[4];
                    p[0] = b[0];
                }
            }
            """;
        await Unbounded.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task Fix_all_in_document_allocates_every_buffer_on_the_heap()
    {
        await TooLarge.VerifyAsync("""
            using System;

            class C
            {
                static void Use(Span<byte> bytes) { }

                static void M()
                {
                    Span<int> a = [|stackalloc int[300]|];
                    ReadOnlySpan<long> b = [|stackalloc long[200]|];
                    Use([|stackalloc byte[2000]|]);
                }
            }
            """, """
            using System;

            class C
            {
                static void Use(Span<byte> bytes) { }

                static void M()
                {
                    Span<int> a = new int[300];
                    ReadOnlySpan<long> b = new long[200];
                    Use(new byte[2000]);
                }
            }
            """, Key);
    }
}
