using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3011LinqOnHotPathAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3011LinqOnHotPathTests
{
    [Fact]
    public async Task Linq_is_reported_only_in_code_marked_hot()
    {
        const string source = """
            using System;
            using System.Linq;
            namespace Perf { [AttributeUsage(AttributeTargets.All)] sealed class PerformanceSensitiveAttribute : Attribute { } }
            [Perf.PerformanceSensitive]
            class Scorer
            {
                int Best(int[] scores) => scores.{|#0:Where|}(s => s > 0).{|#1:Max|}();
                int[] Sorted(int[] scores) => scores.{|#2:OrderBy|}(s => s).{|#3:ToArray|}();
            }
            class Report
            {
                int Total(int[] scores) => scores.Where(s => s > 0).Sum();   // not hot: quiet
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(0).WithArguments("Where", "an iterator object"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(1).WithArguments("Max", "an enumerator over its source (unless the source is an array or a list)"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(2).WithArguments("OrderBy", "an iterator object"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(3).WithArguments("ToArray", "a new int[]"));
    }
}
