using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3013AllocationOnHotPathAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3013AllocationOnHotPathTests
{
    [Fact]
    public async Task Every_heap_allocation_inside_hot_code_is_a_warning_and_nothing_outside_it()
    {
        const string source = """
            using System;
            [AttributeUsage(AttributeTargets.All)] sealed class HotPathAttribute : Attribute { }
            class Ledger
            {
                [HotPath]
                int Sum(int[] values, int bonus)
                {
                    int total = 0;
                    foreach (var v in values) { object o = {|#0:v|}; total += o.GetHashCode(); }
                    var copy = {|#1:new int[4]|};
                    Span<int> scratch = stackalloc int[4];   // the stack: not reported
                    return total + copy.Length + scratch.Length + bonus;
                }

                int Cold(int v) { object o = v; return o.GetHashCode(); }   // not hot: SD3001's suggestion only
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3013AllocationOnHotPathAnalyzer.Descriptor).WithLocation(0).WithSeverity(DiagnosticSeverity.Warning)
                .WithArguments("boxing of int", "24 bytes", ", per loop iteration", "int converted to object: boxed into a heap object"),
            Verify.Diagnostic(SD3013AllocationOnHotPathAnalyzer.Descriptor).WithLocation(1).WithSeverity(DiagnosticSeverity.Warning)
                .WithArguments("a new array int[4]", "likely 40 bytes", "", "arrays live on the heap (the JIT may keep it on the stack when it never escapes (.NET 9+))"));
    }

    [Fact]
    public async Task Hot_types_lambdas_inside_them_and_performance_sensitive_count()
    {
        const string source = """
            using System;
            namespace Perf { sealed class PerformanceSensitiveAttribute : Attribute { } }
            [Perf.PerformanceSensitive]
            class Router
            {
                Func<int, int> Route(int offset) => {|#0:x => x + offset|};
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3013AllocationOnHotPathAnalyzer.Descriptor).WithLocation(0).WithArguments("a closure", "24 bytes", "",
                "display class holding offset (line 6), allocated when the scope is entered"),
            Verify.Diagnostic(SD3013AllocationOnHotPathAnalyzer.Descriptor).WithLocation(0).WithArguments("a Func<int, int> delegate", "64 bytes", "",
                "lambda that captures variables: a new delegate over the display class each time"));
    }
}
