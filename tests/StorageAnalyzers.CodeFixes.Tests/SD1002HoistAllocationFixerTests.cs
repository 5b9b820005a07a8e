using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD1002AllocationSiteAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD1002HoistAllocationFixer>;
using VerifyParams = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD3004ParamsArrayAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD1002HoistAllocationFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD1002HoistAllocationFixerTests
{
    private const string Key = SD1002HoistAllocationFixer.EquivalenceKey;

    /// <summary>SD1002 still tags the hoisted allocation, now outside the loop: the fixed code's markup lists it.</summary>
    private static Task VerifyAsync(string source, string fixedSource, int? fixAllIterations = null)
    {
        var test = new Verify.Test(Key) { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        if (fixAllIterations is { } iterations) test.NumberOfFixAllIterations = iterations;
        return test.RunAsync();
    }

    [Fact]
    public async Task A_constant_array_that_is_only_read_is_built_once_before_the_loop()
    {
        await VerifyAsync("""
            using System;

            class C
            {
                static int Count(string[] lines, char extra)
                {
                    int count = 0;
                    foreach (var line in lines)
                    {
                        // what separates fields
                        var separators = [|new[] { ',', ';', extra }|];
                        count += line.Split(separators).Length + separators.Length;
                        foreach (var s in separators) count += line.IndexOf(s);
                        ReadOnlySpan<char> view = separators;
                        count += line.AsSpan().IndexOfAny(view) + separators[0];
                    }
                    return count;
                }
            }
            """, """
            using System;

            class C
            {
                static int Count(string[] lines, char extra)
                {
                    int count = 0;
                    // what separates fields
                    var separators = [|new[] { ',', ';', extra }|];
                    foreach (var line in lines)
                    {
                        count += line.Split(separators).Length + separators.Length;
                        foreach (var s in separators) count += line.IndexOf(s);
                        ReadOnlySpan<char> view = separators;
                        count += line.AsSpan().IndexOfAny(view) + separators[0];
                    }
                    return count;
                }
            }
            """);
    }

    [Fact]
    public async Task An_immutable_object_with_invariant_arguments_is_built_once()
    {
        await VerifyAsync("""
            using System.Text.RegularExpressions;

            class C
            {
                static int Matches(string[] lines, string pattern)
                {
                    int count = 0;
                    for (int i = 0; i < lines.Length; i++)
                    {
                        var regex = [|new Regex(pattern, RegexOptions.IgnoreCase)|];
                        if (regex.IsMatch(lines[i])) count++;
                    }
                    return count;
                }
            }
            """, """
            using System.Text.RegularExpressions;

            class C
            {
                static int Matches(string[] lines, string pattern)
                {
                    int count = 0;
                    var regex = [|new Regex(pattern, RegexOptions.IgnoreCase)|];
                    for (int i = 0; i < lines.Length; i++)
                    {
                        if (regex.IsMatch(lines[i])) count++;
                    }
                    return count;
                }
            }
            """);
    }

    [Fact]
    public async Task Allocations_that_each_iteration_needs_fresh_are_not_offered()
    {
        const string source = """
            using System;
            using System.Text;
            using System.Text.RegularExpressions;

            class C
            {
                static int[] _kept = [];
                static int Use(int[] values) => values.Length;

                static void M(string[] lines, string pattern)
                {
                    for (int i = 0; i < lines.Length; i++)
                    {
                        var written = [|new int[4]|];
                        written[0] = i;
                        var passed = [|new int[4]|];
                        Use(passed);
                        var stored = [|new[] { 1, 2 }|];
                        _kept = stored;
                        var varying = [|new[] { i }|];
                        Console.WriteLine(varying[0]);
                        var mutable = [|new StringBuilder()|];
                        mutable.Append(i);
                        var fromElement = [|new Regex(lines[i])|];
                        Console.WriteLine(fromElement.IsMatch(pattern));
                        var changed = [|new Regex(pattern)|];
                        Console.WriteLine(changed.IsMatch(lines[i]));
                        [|pattern += "x"|];
                        if (i > 0)
                        {
                            var nested = [|new[] { 3 }|];
                            Console.WriteLine(nested[0]);
                        }
                    }
                }

                static void SameName(int n)
                {
                    for (int i = 0; i < n; i++) { var table = [|new[] { 1 }|]; Console.WriteLine(table[0]); }
                    for (int i = 0; i < n; i++) { var table = [|new[] { 2 }|]; Console.WriteLine(table[0]); }
                }
            }
            """;
        await VerifyAsync(source, source);
    }

    [Fact]
    public async Task A_params_array_of_a_method_that_only_reads_it_is_built_once()
    {
        var test = new VerifyParams.Test(Key)
        {
            TestCode = """
            class C
            {
                static int M(string[] words, string separator)
                {
                    int total = 0;
                    for (int i = 0; i < words.Length; i++)
                    {
                        total += [|words[i].Trim(' ', '\t')|].Length;
                        total += [|string.Join(separator, "a", "b", words[0])|].Length;
                    }
                    return total;
                }
            }
            """,
            FixedCode = """
            class C
            {
                static int M(string[] words, string separator)
                {
                    int total = 0;
                    var trimChars = new char[] { ' ', '\t' };
                    for (int i = 0; i < words.Length; i++)
                    {
                        total += words[i].Trim(trimChars).Length;
                        total += [|string.Join(separator, "a", "b", words[0])|].Length;
                    }
                    return total;
                }
            }
            """,
        };
        // The Join call stays a params array (one of its values changes per iteration), which the fixed markup lists.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_params_array_of_any_other_method_is_not_offered()
    {
        const string source = """
            class C
            {
                static int Sum(params int[] values) => values[0]++;

                static int M(int n)
                {
                    int total = 0;
                    while (n-- > 0) total += [|Sum(1, 2, 3)|];
                    return total;
                }
            }
            """;
        await VerifyParams.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task Fix_all_hoists_out_of_each_loop()
    {
        await VerifyAsync("""
            using System;

            class C
            {
                static void M(int n)
                {
                    while (n-- > 0)
                    {
                        var a = [|new[] { 1, 2 }|];
                        Console.WriteLine(a[n & 1]);
                    }
                    do
                    {
                        var b = [|new Version(1, 2)|];
                        Console.WriteLine(b.Major);
                    } while (n++ < 3);
                }
            }
            """, """
            using System;

            class C
            {
                static void M(int n)
                {
                    var a = [|new[] { 1, 2 }|];
                    while (n-- > 0)
                    {
                        Console.WriteLine(a[n & 1]);
                    }
                    var b = [|new Version(1, 2)|];
                    do
                    {
                        Console.WriteLine(b.Major);
                    } while (n++ < 3);
                }
            }
            """);
    }
}
