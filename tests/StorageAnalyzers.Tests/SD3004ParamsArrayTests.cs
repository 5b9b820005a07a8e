using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3004ParamsArrayAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3004ParamsArrayTests
{
    [Fact]
    public async Task Params_arrays_allocate_except_when_empty_or_a_span()
    {
        const string source = """
            using System;
            class Log
            {
                static int Count(params int[] values) => values.Length;
                static int Span(params ReadOnlySpan<int> values) => values.Length;
                int Run() => {|#0:Count(1, 2, 3)|} + Count() + Span(1, 2, 3);
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3004ParamsArrayAnalyzer.Descriptor).WithLocation(0).WithArguments("a params array int[3]", "40 bytes", "",
                "params array of 3 x int created for each call"));
    }
}
