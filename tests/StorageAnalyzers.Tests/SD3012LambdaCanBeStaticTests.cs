using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3012LambdaCanBeStaticAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3012LambdaCanBeStaticTests
{
    private static DiagnosticResult At(int marker) =>
        Verify.Diagnostic(SD3012LambdaCanBeStaticAnalyzer.Descriptor).WithLocation(marker).WithSeverity(DiagnosticSeverity.Hidden);

    [Fact]
    public async Task Lambdas_that_capture_nothing_are_tagged_at_their_head()
    {
        const string source = """
            using System;
            using System.Linq;
            class Pipeline
            {
                const int Offset = 1;
                static int Scale = 2;
                int[] Run(int[] values)
                {
                    const int Local = 3;
                    Func<int, int> add = {|#0:x =>|} x + Offset + Local;
                    Func<int, int> scale = {|#1:delegate (int x)|} { return x * Scale; };
                    Func<int, Func<int, int>> curry = {|#2:a =>|} b => a + b;
                    Action log = {|#4:() =>|} { int Twice(int v) => v * 2; Console.WriteLine(Twice(Offset)); };
                    return values.Select({|#5:v =>|} v + 1).ToArray();
                }
            }
            """;
        // curry's inner lambda reads the outer lambda's parameter: it captures, the outer one does not.
        await Verify.VerifyAsync(source, At(0), At(1), At(2), At(4), At(5));
    }

    [Fact]
    public async Task Capturing_static_and_query_lambdas_are_not_tagged()
    {
        const string source = """
            using System;
            using System.Linq;
            class Pipeline
            {
                int _bias;
                int Bias() => _bias;
                int[] Run(int[] values, int factor)
                {
                    int local = 1;
                    int Helper() => local;
                    static int Pure() => 4;
                    Func<int, int> a = x => x * factor;
                    Func<int, int> b = x => x + local;
                    Func<int, int> c = x => x + _bias;
                    Func<int, int> d = x => x + Bias();
                    Func<int> e = () => Helper();
                    Func<int> f = Helper;
                    Func<int, int> g = static x => x + 1;
                    Func<int> h = {|#0:() =>|} Pure();
                    var query = from v in values where v > 0 select v * 2;
                    return query.Select(a).Select(b).Select(c).Select(d).Select(g).Append(e() + f() + h()).ToArray();
                }
            }
            """;
        await Verify.VerifyAsync(source, At(0));
    }

    [Fact]
    public async Task Before_CSharp_9_there_is_no_static_lambda()
    {
        var test = new CSharpAnalyzerTest<SD3012LambdaCanBeStaticAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using System;
                class C
                {
                    Func<int, int> F() => x => x + 1;
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.CSharp8)));
        await test.RunAsync();
    }
}
