using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD4001StaticArrayAsSpanAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD4001ReadOnlySpanPropertyFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD4001ReadOnlySpanPropertyFixerTests
{
    private const string Key = SD4001ReadOnlySpanPropertyFixer.EquivalenceKey;

    [Fact]
    public async Task Fields_become_span_properties_and_AsSpan_calls_follow()
    {
        await Verify.VerifyAsync("""
            using System;

            class Codec
            {
                /// <summary>PNG signature.</summary>
                private static readonly byte[] [|Magic|] = { 0x89, 0x50, 0x4E, 0x47 };
                readonly static int[] [|Primes|] = new int[] { 2, 3, 5, 7, };

                static bool IsPng(ReadOnlySpan<byte> header) => header.StartsWith(Magic.AsSpan()) && header.Length >= Codec.Magic.Length;

                static int Sum(ReadOnlySpan<int> values)
                {
                    int sum = 0;
                    foreach (var v in values) sum += v;
                    return sum;
                }

                static int M() => Sum(Primes.AsSpan(1, 2)) + Primes[^1] + Magic[0];
            }
            """, """
            using System;

            class Codec
            {
                /// <summary>PNG signature.</summary>
                private static ReadOnlySpan<byte> Magic => [0x89, 0x50, 0x4E, 0x47];
                static ReadOnlySpan<int> Primes => [2, 3, 5, 7];

                static bool IsPng(ReadOnlySpan<byte> header) => header.StartsWith(Magic) && header.Length >= Codec.Magic.Length;

                static int Sum(ReadOnlySpan<int> values)
                {
                    int sum = 0;
                    foreach (var v in values) sum += v;
                    return sum;
                }

                static int M() => Sum(Primes.Slice(1, 2)) + Primes[^1] + Magic[0];
            }
            """, Key);
    }

    [Fact]
    public async Task A_multi_line_table_keeps_its_layout_and_using_System_is_added()
    {
        await Verify.VerifyAsync("""
            class Table
            {
                // hex digits
                static readonly char[] [|Digits|] =
                {
                    '0', '1', '2', '3',
                    '4', '5', '6', '7',
                };

                static char Octal(int n) => Digits[n & 7];
            }
            """, """
            using System;

            class Table
            {
                // hex digits
                static ReadOnlySpan<char> Digits =>
                [
                    '0', '1', '2', '3',
                    '4', '5', '6', '7',
                ];

                static char Octal(int n) => Digits[n & 7];
            }
            """, Key);
    }

    [Fact]
    public async Task Before_CSharp_12_the_property_returns_an_array_creation_the_compiler_also_keeps_in_the_image()
    {
        var test = new Verify.Test(Key)
        {
            TestCode = """
                using System;

                class Flags
                {
                    static readonly bool[] [|Enabled|] = { true, false, true };

                    static bool On(int i) => Enabled[i];
                }
                """,
            FixedCode = """
                using System;

                class Flags
                {
                    static ReadOnlySpan<bool> Enabled => new bool[] { true, false, true };

                    static bool On(int i) => Enabled[i];
                }
                """,
        };
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.CSharp11)));
        await test.RunAsync();
    }

    [Fact]
    public async Task AsSpan_in_another_file_of_a_partial_type_is_rewritten_too()
    {
        var test = new Verify.Test(Key);
        test.TestState.Sources.Add("""
            partial class Lexer
            {
                private static readonly byte[] [|Delimiters|] = { (byte)',', (byte)';' };
            }
            """);
        test.TestState.Sources.Add("""
            using System;

            partial class Lexer
            {
                static int Find(ReadOnlySpan<byte> text) => text.IndexOfAny(Delimiters.AsSpan());
            }
            """);
        test.FixedState.Sources.Add("""
            using System;

            partial class Lexer
            {
                private static ReadOnlySpan<byte> Delimiters => [(byte)',', (byte)';'];
            }
            """);
        test.FixedState.Sources.Add("""
            using System;

            partial class Lexer
            {
                static int Find(ReadOnlySpan<byte> text) => text.IndexOfAny(Delimiters);
            }
            """);
        await test.RunAsync();
    }
}
