using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD3001BoxingAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD3001InterpolatedStringFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD3001InterpolatedStringFixerTests
{
    private const string Key = SD3001InterpolatedStringFixer.EquivalenceKey;

    [Fact]
    public async Task Format_WriteLine_and_AppendFormat_become_interpolations()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Text;

            class C
            {
                static string Line(int id, double total, string name, StringBuilder builder)
                {
                    builder.AppendFormat("{0}-{1}", [|id|], name).Append('.');
                    Console.WriteLine("{0} {{x}} {1,8:N2}", [|id|], [|total|]);
                    Console.Write("{3}{2}{1}{0}", [|id|], [|total|], name, [|id|]);
                    return string.Format("{0}: \"{1}\"\n", [|id|], name);
                }
            }
            """, """
            using System;
            using System.Text;

            class C
            {
                static string Line(int id, double total, string name, StringBuilder builder)
                {
                    builder.Append($"{id}-{name}").Append('.');
                    Console.WriteLine($"{id} {{x}} {total,8:N2}");
                    Console.Write($"{id}{name}{total}{id}");
                    return $"{id}: \"{name}\"\n";
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Arguments_with_effects_keep_their_order_or_are_not_offered()
    {
        const string source = """
            using System;
            using System.Globalization;

            class C
            {
                static int _calls;
                static int Next() => ++_calls;

                static void M(int id, string format)
                {
                    Console.WriteLine("{0} then {1}", [|Next()|], [|id|]);
                    Console.WriteLine("{1} before {0}", [|Next()|], [|id|]);
                    Console.WriteLine(format, [|id|]);
                    Console.WriteLine("{1}", [|id|]);
                    Console.WriteLine("{0:{x}", [|id|]);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}", [|id|]));
                    Console.WriteLine(string.Format("{0}", new object[] { [|id|] }));
                    string.Format("{0}", [|id|]);
                }
            }
            """;
        var test = new Verify.Test(Key)
        {
            TestCode = source,
            FixedCode = """
            using System;
            using System.Globalization;

            class C
            {
                static int _calls;
                static int Next() => ++_calls;

                static void M(int id, string format)
                {
                    Console.WriteLine($"{Next()} then {id}");
                    Console.WriteLine("{1} before {0}", [|Next()|], [|id|]);
                    Console.WriteLine(format, [|id|]);
                    Console.WriteLine("{1}", [|id|]);
                    Console.WriteLine("{0:{x}", [|id|]);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}", [|id|]));
                    Console.WriteLine(string.Format("{0}", new object[] { [|id|] }));
                    string.Format("{0}", [|id|]);
                }
            }
            """,
        };
        // The boxes left in place are listed in the fixed code's markup too.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }
}
