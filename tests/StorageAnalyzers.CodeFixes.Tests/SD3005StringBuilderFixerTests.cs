using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD3005StringBuildingAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD3005StringBuilderFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD3005StringBuilderFixerTests
{
    private const string Key = SD3005StringBuilderFixer.EquivalenceKey;

    /// <summary>SD3005 also tags string building outside loops, which this fixer leaves: the fixed code's markup lists it.</summary>
    private static Task VerifyAsync(string source, string fixedSource, int? fixAllIterations = null)
    {
        var test = new Verify.Test(Key) { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        if (fixAllIterations is { } iterations) test.NumberOfFixAllIterations = iterations;
        return test.RunAsync();
    }

    [Fact]
    public async Task Every_append_in_the_loop_goes_to_one_builder()
    {
        await VerifyAsync("""
            class C
            {
                static string Join(int[] values, bool hex)
                {
                    string text = "[";
                    if (hex) text = string.Empty;
                    foreach (var value in values)
                    {
                        [|text += value|];
                        if (value < 0) [|text += "-"|];
                        [|text += {|SD3005:$"{value:x2};"|}|];
                    }
                    return [|text + "]"|];
                }
            }
            """, """
            using System.Text;

            class C
            {
                static string Join(int[] values, bool hex)
                {
                    string text = "[";
                    if (hex) text = string.Empty;
                    var textBuilder = new StringBuilder(text);
                    foreach (var value in values)
                    {
                        textBuilder.Append(value);
                        if (value < 0) textBuilder.Append("-");
                        textBuilder.Append($"{value:x2};");
                    }
                    text = textBuilder.ToString();
                    return [|text + "]"|];
                }
            }
            """);
    }

    [Fact]
    public async Task Strings_the_loop_reads_or_that_can_be_null_or_observed_half_built_are_not_offered()
    {
        const string source = """
            using System;

            class C
            {
                static string _text = "";

                static string ReadInLoop(string[] parts)
                {
                    string s = "";
                    foreach (var p in parts) { [|s += p|]; Console.WriteLine(s.Length); }
                    return s;
                }

                static string? MaybeNull(string[] parts, string? start)
                {
                    string? s = start;
                    foreach (var p in parts) [|s += p|];
                    return s;
                }

                static string Chars(char[][] parts)
                {
                    string s = "";
                    foreach (var p in parts) [|s += p|];
                    return s;
                }

                static string Captured(string[] parts)
                {
                    string s = "";
                    Func<int> length = () => s.Length;
                    foreach (var p in parts) [|s += p|];
                    return [|s + length()|];
                }

                static string Field(string[] parts)
                {
                    foreach (var p in parts) [|_text += p|];
                    return _text;
                }

                static string InCatch(string[] parts)
                {
                    string s = "";
                    try { foreach (var p in parts) [|s += p|]; }
                    catch (FormatException) { return s; }
                    return s;
                }

                static string TwoLoops(string[] head, string[] body)
                {
                    string s = "";
                    foreach (var h in head) [|s += h|];
                    foreach (var b in body) [|s += b|];
                    return s;
                }

                static void DeclaredInside(string[] parts)
                {
                    foreach (var p in parts) { string s = "x"; [|s += p|]; Console.WriteLine(s); }
                }
            }
            """;
        await VerifyAsync(source, source);
    }

    [Fact]
    public async Task Fix_all_builds_each_string_with_its_own_builder()
    {
        await VerifyAsync("""
            using System.Text;

            class C
            {
                static string M(string[] names)
                {
                    string all = "", firsts = "";
                    for (int i = 0; i < names.Length; i++)
                    {
                        [|all += names[i]|];
                    }
                    int count = all.Length;
                    foreach (var name in names)
                    {
                        [|firsts += name[0]|];
                    }
                    return [|all + firsts + count|];
                }
            }
            """, """
            using System.Text;

            class C
            {
                static string M(string[] names)
                {
                    string all = "", firsts = "";
                    var allBuilder = new StringBuilder(all);
                    for (int i = 0; i < names.Length; i++)
                    {
                        allBuilder.Append(names[i]);
                    }
                    all = allBuilder.ToString();
                    int count = all.Length;
                    var firstsBuilder = new StringBuilder(firsts);
                    foreach (var name in names)
                    {
                        firstsBuilder.Append(name[0]);
                    }
                    firsts = firstsBuilder.ToString();
                    return [|all + firsts + count|];
                }
            }
            """);
    }
}
