using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD2002UnboundedStackallocAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD2002StackallocUpToLimitFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD2002StackallocUpToLimitFixerTests
{
    private const string Key = SD2002StackallocUpToLimitFixer.EquivalenceKey;

    [Fact]
    public async Task Unbounded_count_takes_the_stack_up_to_the_default_limit()
    {
        await Verify.VerifyAsync("""
            using System;

            class C
            {
                static int M(int n)
                {
                    Span<int> values = [|stackalloc int[n]|];
                    values.Fill(1);
                    return values.Length;
                }
            }
            """, """
            using System;

            class C
            {
                static int M(int n)
                {
                    Span<int> values = n <= 256 ? stackalloc int[256] : new int[n];
                    values = values.Slice(0, n);
                    values.Fill(1);
                    return values.Length;
                }
            }
            """, Key);
    }

    [Fact]
    public async Task The_configured_limit_and_the_element_layout_give_the_split()
    {
        // Pair<long> is 16 bytes: 256 bytes hold 16 of them.
        await Verify.VerifyAsync("""
            using System;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static long M(int n)
                {
                    ReadOnlySpan<Pair<long>> pairs = [|stackalloc Pair<long>[n]|];
                    return pairs[0].A;
                }
            }
            """, """
            using System;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static long M(int n)
                {
                    ReadOnlySpan<Pair<long>> pairs = n <= 16 ? stackalloc Pair<long>[16] : new Pair<long>[n];
                    pairs = pairs.Slice(0, n);
                    return pairs[0].A;
                }
            }
            """, Key, globalConfig: "storage_analyzers.stackalloc_limit = 256");
    }

    [Fact]
    public async Task A_count_bounded_above_the_limit_is_evaluated_once_into_a_local()
    {
        await Verify.VerifyAsync("""
            using System;

            class C
            {
                static void M(string text)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        Span<char> chars = [|stackalloc char[Math.Min(text.Length, 4096)]|];
                        text.AsSpan(0, chars.Length).CopyTo(chars);
                    }
                }
            }
            """, """
            using System;

            class C
            {
                static void M(string text)
                {
                    for (int i = 0; i < 2; i++)
                    {
                        int charsLength = Math.Min(text.Length, 4096);
                        Span<char> chars = charsLength <= 512 ? stackalloc char[512] : new char[charsLength];
                        chars = chars.Slice(0, charsLength);
                        text.AsSpan(0, chars.Length).CopyTo(chars);
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Generic_element_of_unknown_size_and_pointer_form_are_not_offered()
    {
        const string source = """
            using System;

            class C
            {
                static unsafe T M<T>(int n) where T : unmanaged
                {
                    Span<T> items = [|stackalloc T[n]|];
                    byte* p = [|stackalloc byte[n]|];
                    return items[p[0]];
                }
            }
            """;
        await Verify.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task Fix_all_in_document_splits_every_buffer()
    {
        await Verify.VerifyAsync("""
            using System;

            class C
            {
                static void M(int n, int m)
                {
                    Span<byte> a = [|stackalloc byte[n]|];
                    Span<double> b = [|stackalloc double[m]|];
                    a[0] = (byte)b[0];
                }
            }
            """, """
            using System;

            class C
            {
                static void M(int n, int m)
                {
                    Span<byte> a = n <= 1024 ? stackalloc byte[1024] : new byte[n];
                    a = a.Slice(0, n);
                    Span<double> b = m <= 128 ? stackalloc double[128] : new double[m];
                    b = b.Slice(0, m);
                    a[0] = (byte)b[0];
                }
            }
            """, Key);
    }
}
