using StorageAnalyzers.CodeFixes.Fixers;
using StorageAnalyzers.Rules;
using TooLarge = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD2001StackallocTooLargeAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD2001RentFromArrayPoolFixer>;
using Unbounded = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD2002UnboundedStackallocAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD2001RentFromArrayPoolFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD2001RentFromArrayPoolFixerTests
{
    private const string Key = SD2001RentFromArrayPoolFixer.EquivalenceKey;

    [Fact]
    public async Task Constant_count_rents_and_returns_around_the_rest_of_the_block()
    {
        await TooLarge.VerifyAsync("""
            using System;

            class C
            {
                int M()
                {
                    int total = 0;
                    // scratch
                    Span<int> buffer = [|stackalloc int[4096]|];
                    buffer[0] = 1;
                    total += buffer[0];
                    return total;
                }
            }
            """, """
            using System;
            using System.Buffers;

            class C
            {
                int M()
                {
                    int total = 0;
                    // scratch
                    int[] bufferArray = ArrayPool<int>.Shared.Rent(4096);
                    try
                    {
                        Span<int> buffer = bufferArray.AsSpan(0, 4096);
                        buffer.Clear();
                        buffer[0] = 1;
                        total += buffer[0];
                        return total;
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(bufferArray);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Missing_usings_are_added()
    {
        await TooLarge.VerifyAsync("""
            class C
            {
                void M()
                {
                    System.Span<long> buffer = [|stackalloc long[1000]|];
                    buffer.Fill(1);
                }
            }
            """, """
            using System;
            using System.Buffers;

            class C
            {
                void M()
                {
                    long[] bufferArray = ArrayPool<long>.Shared.Rent(1000);
                    try
                    {
                        System.Span<long> buffer = bufferArray.AsSpan(0, 1000);
                        buffer.Clear();
                        buffer.Fill(1);
                    }
                    finally
                    {
                        ArrayPool<long>.Shared.Return(bufferArray);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Run_time_count_of_a_generic_unmanaged_type_is_rented_with_that_count()
    {
        await Unbounded.VerifyAsync("""
            using System;

            class C
            {
                static T First<T>(int n) where T : unmanaged
                {
                    Span<T> items = [|stackalloc T[n]|];
                    return items[0];
                }
            }
            """, """
            using System;
            using System.Buffers;

            class C
            {
                static T First<T>(int n) where T : unmanaged
                {
                    T[] itemsArray = ArrayPool<T>.Shared.Rent(n);
                    try
                    {
                        Span<T> items = itemsArray.AsSpan(0, n);
                        items.Clear();
                        return items[0];
                    }
                    finally
                    {
                        ArrayPool<T>.Shared.Return(itemsArray);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task A_computed_count_is_evaluated_once_into_a_local()
    {
        await Unbounded.VerifyAsync("""
            using System;

            class C
            {
                static int Count(string text)
                {
                    Span<char> chars = [|stackalloc char[text.Length * 2]|];
                    return chars.Length;
                }
            }
            """, """
            using System;
            using System.Buffers;

            class C
            {
                static int Count(string text)
                {
                    int charsLength = text.Length * 2;
                    char[] charsArray = ArrayPool<char>.Shared.Rent(charsLength);
                    try
                    {
                        Span<char> chars = charsArray.AsSpan(0, charsLength);
                        chars.Clear();
                        return chars.Length;
                    }
                    finally
                    {
                        ArrayPool<char>.Shared.Return(charsArray);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Read_only_span_of_a_generic_struct_is_cleared_through_the_array()
    {
        await TooLarge.VerifyAsync("""
            using System;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static long Sum()
                {
                    ReadOnlySpan<Pair<long>> pairs = [|stackalloc Pair<long>[100]|];
                    return pairs[0].A + pairs[99].B;
                }
            }
            """, """
            using System;
            using System.Buffers;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static long Sum()
                {
                    Pair<long>[] pairsArray = ArrayPool<Pair<long>>.Shared.Rent(100);
                    try
                    {
                        pairsArray.AsSpan(0, 100).Clear();
                        ReadOnlySpan<Pair<long>> pairs = pairsArray.AsSpan(0, 100);
                        return pairs[0].A + pairs[99].B;
                    }
                    finally
                    {
                        ArrayPool<Pair<long>>.Shared.Return(pairsArray);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Under_SkipLocalsInit_the_buffer_was_never_zeroed_so_it_is_not_cleared()
    {
        await TooLarge.VerifyAsync("""
            using System;
            using System.Runtime.CompilerServices;

            class C
            {
                [SkipLocalsInit]
                static void M()
                {
                    Span<byte> buffer = [|stackalloc byte[2048]|];
                    buffer.Fill(7);
                }
            }
            """, """
            using System;
            using System.Buffers;
            using System.Runtime.CompilerServices;

            class C
            {
                [SkipLocalsInit]
                static void M()
                {
                    byte[] bufferArray = ArrayPool<byte>.Shared.Rent(2048);
                    try
                    {
                        Span<byte> buffer = bufferArray.AsSpan(0, 2048);
                        buffer.Fill(7);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(bufferArray);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task New_names_do_not_collide_with_names_in_the_member()
    {
        await Unbounded.VerifyAsync("""
            using System;

            class C
            {
                static int bufferLength;

                static void M(int[] bufferArray)
                {
                    Span<int> buffer = [|stackalloc int[bufferArray.Length]|];
                    buffer[0] = bufferLength;
                }
            }
            """, """
            using System;
            using System.Buffers;

            class C
            {
                static int bufferLength;

                static void M(int[] bufferArray)
                {
                    int bufferLength2 = bufferArray.Length;
                    int[] bufferArray2 = ArrayPool<int>.Shared.Rent(bufferLength2);
                    try
                    {
                        Span<int> buffer = bufferArray2.AsSpan(0, bufferLength2);
                        buffer.Clear();
                        buffer[0] = bufferLength;
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(bufferArray2);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Pointer_form_is_not_offered()
    {
        const string source = """
            class C
            {
                static unsafe void M()
                {
                    int* p = [|stackalloc int[4096]|];
                    p[0] = 1;
                }
            }
            """;
        await TooLarge.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task A_span_that_outlives_the_block_is_not_offered()
    {
        // outer would still point into the array after the finally returned it to the pool.
        const string source = """
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
            """;
        await TooLarge.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task A_declaration_outside_a_block_or_a_reassigned_span_is_not_offered()
    {
        const string source = """
            using System;

            class C
            {
                static void M(int kind, int n)
                {
                    switch (kind)
                    {
                        case 1:
                            Span<int> a = [|stackalloc int[n]|];
                            a[0] = 1;
                            break;
                    }
                    Span<int> b = [|stackalloc int[n]|];
                    b = stackalloc int[1];
                }
            }
            """;
        await Unbounded.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task Fix_all_in_document_rents_every_buffer()
    {
        await TooLarge.VerifyAsync("""
            using System;

            class C
            {
                static void A()
                {
                    Span<int> first = [|stackalloc int[512]|];
                    first[0] = 1;
                }

                static void B()
                {
                    Span<byte> second = [|stackalloc byte[4096]|];
                    second[0] = 2;
                }
            }
            """, """
            using System;
            using System.Buffers;

            class C
            {
                static void A()
                {
                    int[] firstArray = ArrayPool<int>.Shared.Rent(512);
                    try
                    {
                        Span<int> first = firstArray.AsSpan(0, 512);
                        first.Clear();
                        first[0] = 1;
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(firstArray);
                    }
                }

                static void B()
                {
                    byte[] secondArray = ArrayPool<byte>.Shared.Rent(4096);
                    try
                    {
                        Span<byte> second = secondArray.AsSpan(0, 4096);
                        second.Clear();
                        second[0] = 2;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(secondArray);
                    }
                }
            }
            """, Key);
    }
}
