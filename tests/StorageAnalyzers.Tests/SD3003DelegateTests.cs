using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3003DelegateAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3003DelegateTests
{
    [Fact]
    public async Task Capturing_lambdas_and_instance_method_groups_allocate_but_cached_ones_do_not()
    {
        const string source = """
            using System;
            class Handlers
            {
                int _offset;
                static int Twice(int v) => v * 2;
                int Shift(int v) => v + _offset;
                void Wire(int factor)
                {
                    Func<int, int> a = {|#0:v => v * factor|};
                    Func<int, int> b = {|#1:Shift|};
                    Func<int, int> c = Twice;            // static method group: cached (C# 11+)
                    Func<int, int> d = v => v + 1;       // captures nothing: cached
                    Func<int, int> e = {|#2:v => v + _offset|};
                    Use(a, b, c, d, e);
                }
                static void Use(params Func<int, int>[] all) { }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3003DelegateAnalyzer.Descriptor).WithLocation(0).WithArguments("a Func<int, int> delegate", "64 bytes", "",
                "lambda that captures variables: a new delegate over the display class each time"),
            Verify.Diagnostic(SD3003DelegateAnalyzer.Descriptor).WithLocation(1).WithArguments("a Func<int, int> delegate", "64 bytes", "",
                "instance method group Shift: a new delegate bound to its target each time"),
            Verify.Diagnostic(SD3003DelegateAnalyzer.Descriptor).WithLocation(2).WithArguments("a Func<int, int> delegate", "64 bytes", "",
                "lambda that captures this: a new delegate each time"));
    }
}
