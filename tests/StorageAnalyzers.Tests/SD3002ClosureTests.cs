using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3002ClosureAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3002ClosureTests
{
    [Fact]
    public async Task The_display_class_is_reported_where_its_scope_starts_with_the_captured_variables()
    {
        const string source = """
            using System;
            using System.Linq;
            class Search
            {
                int[] Above(int[] values, int limit)
                {
                    {|#0:int count = 0;|}
                    return values.Where(v => { count++; return v > limit; }).ToArray();
                }
                int Local(int x) { return Twice(); int Twice() => x * 2; }   // struct closure: no allocation
                Func<int, int> Static() => static v => v + 1;                 // captures nothing: cached
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3002ClosureAnalyzer.Descriptor).WithLocation(0).WithArguments("a closure", "24 bytes", "",
                "display class holding limit (line 5), count (line 7), allocated when the scope is entered"));
    }
}
