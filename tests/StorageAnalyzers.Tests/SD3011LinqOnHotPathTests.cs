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
                int Positive(int[] scores) => ({|#4:from|} s in scores where s > 0 select s).Count() + scores.AsEnumerable().GetHashCode();
            }
            class Report
            {
                int Total(int[] scores) => scores.Where(s => s > 0).Sum();   // not hot: quiet
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(0).WithArguments("Enumerable.Where", "an iterator object"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(1).WithArguments("Enumerable.Max", "an enumerator over its source (unless the source is an array or a list)"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(2).WithArguments("Enumerable.OrderBy", "an iterator object"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(3).WithArguments("Enumerable.ToArray", "a new collection"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithLocation(4).WithArguments("A query expression", "an iterator object per clause and a delegate per lambda"),
            Verify.Diagnostic(SD3011LinqOnHotPathAnalyzer.Descriptor).WithSpan(9, 75, 9, 80).WithArguments("Enumerable.Count", "an enumerator over its source (unless the source is an array or a list)"));
    }
}
