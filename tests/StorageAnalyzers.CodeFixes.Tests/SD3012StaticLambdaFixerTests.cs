using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD3012LambdaCanBeStaticAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD3012StaticLambdaFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD3012StaticLambdaFixerTests
{
    private const string Key = SD3012StaticLambdaFixer.EquivalenceKey;

    [Fact]
    public async Task Lambdas_anonymous_methods_and_async_lambdas_become_static()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Linq;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            sealed class MarkAttribute : Attribute { }

            class C
            {
                const int Offset = 1;

                static void M(int[] values)
                {
                    Func<int, int> add = [|x =>|] x + Offset;
                    Func<int, int> twice = [|delegate (int x)|] { return x * 2; };
                    Func<Task> wait = [|async () =>|] await Task.Yield();
                    Func<int, int> marked = [|[Mark] (int x) =>|] x;
                    Expression<Func<int, bool>> positive = [|v =>|] v > 0;
                    Console.WriteLine(values.Select([|v =>|] v - 1).Sum() + add(1) + twice(2) + marked(3) + positive.Compile()(4).GetHashCode());
                    _ = wait;
                }
            }
            """, """
            using System;
            using System.Linq;
            using System.Linq.Expressions;
            using System.Threading.Tasks;

            sealed class MarkAttribute : Attribute { }

            class C
            {
                const int Offset = 1;

                static void M(int[] values)
                {
                    Func<int, int> add = static x => x + Offset;
                    Func<int, int> twice = static delegate (int x) { return x * 2; };
                    Func<Task> wait = static async () => await Task.Yield();
                    Func<int, int> marked = [Mark] static (int x) => x;
                    Expression<Func<int, bool>> positive = static v => v > 0;
                    Console.WriteLine(values.Select(static v => v - 1).Sum() + add(1) + twice(2) + marked(3) + positive.Compile()(4).GetHashCode());
                    _ = wait;
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Nested_lambdas_outer_static_inner_capturing()
    {
        // The inner lambda reads the outer one's parameter: only the outer one is reported and fixed.
        await Verify.VerifyAsync("""
            using System;

            class C
            {
                Func<int, Func<int, int>> Curry() => [|a =>|] b => a + b;
            }
            """, """
            using System;

            class C
            {
                Func<int, Func<int, int>> Curry() => static a => b => a + b;
            }
            """, Key);
    }
}
