using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3006EnumeratorAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3006EnumeratorTests
{
    [Fact]
    public async Task Foreach_over_an_interface_allocates_the_enumerator_but_not_over_the_concrete_type()
    {
        const string source = """
            using System.Collections.Generic;
            class Totals
            {
                int Sum(List<int> list, IEnumerable<int> sequence, int[] array)
                {
                    int total = 0;
                    foreach (var a in list) total += a;
                    foreach (var b in {|#0:sequence|}) total += b;
                    foreach (var c in array) total += c;
                    return total;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3006EnumeratorAnalyzer.Descriptor).WithLocation(0).WithArguments("an enumerator (IEnumerator<int>)", "a size known at run time", "",
                "foreach over IEnumerable<int> gets its enumerator through an interface: the enumerator is a heap object"));
    }
}
