using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3001BoxingAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3001BoxingTests
{
    [Fact]
    public async Task Boxing_conversions_and_hidden_boxing_are_suggestions_with_sizes()
    {
        const string source = """
            using System;
            struct Money { public decimal Amount; }
            class Ledger
            {
                object Box(int id) => {|#0:id|};
                string Format(int id, Money m) => string.Format("{0} {1}", {|#1:id|}, {|#2:m|});
                string Text(Money m) => {|#3:m.ToString()|};
                string Fine(int id) => $"id {id}" + id;
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3001BoxingAnalyzer.Descriptor).WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("boxing of int", "24 bytes", "", "int converted to object: boxed into a heap object"),
            Verify.Diagnostic(SD3001BoxingAnalyzer.Descriptor).WithLocation(1).WithArguments("boxing of int", "24 bytes", "", "int converted to object: boxed into a heap object"),
            Verify.Diagnostic(SD3001BoxingAnalyzer.Descriptor).WithLocation(2).WithArguments("boxing of Money", "32 bytes", "", "Money converted to object: boxed into a heap object"),
            Verify.Diagnostic(SD3001BoxingAnalyzer.Descriptor).WithLocation(3).WithArguments("boxing of Money", "32 bytes", "",
                "Money does not override ToString(): the constrained call boxes it at run time"));
    }

    [Fact]
    public async Task Foreach_boxing_into_object_is_reported_and_jit_elided_boxes_are_not()
    {
        const string source = """
            using System;
            [Flags] enum Access { Read = 1, Write = 2 }
            struct Point { public int X; }
            class Audit
            {
                int Count(int[] values, Access access, Point p)
                {
                    int n = 0;
                    foreach ({|#0:object|} boxed in values) n += boxed.GetHashCode();
                    if (access.HasFlag(Access.Write)) n++;
                    return n + p.GetType().Name.Length;
                }
                static readonly object Shared = 42;   // once per type: not a per-call cost
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3001BoxingAnalyzer.Descriptor).WithLocation(0).WithArguments("boxing of int", "24 bytes", ", per loop iteration",
                "each int element is boxed into the object iteration variable"));
    }
}
