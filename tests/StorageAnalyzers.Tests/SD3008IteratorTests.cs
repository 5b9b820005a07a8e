using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3008IteratorAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3008IteratorTests
{
    [Fact]
    public async Task Each_call_of_an_iterator_allocates_its_object()
    {
        const string source = """
            using System.Collections.Generic;
            class Numbers
            {
                IEnumerable<int> {|#0:Range|}(int count)
                {
                    for (int i = 0; i < count; i++) yield return i;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3008IteratorAnalyzer.Descriptor).WithLocation(0).WithArguments("the iterator object", "40 bytes", "", // state, current, thread id, count twice, i
                "an iterator is a class: each call allocates the iterator object holding count (4 B), i (4 B): 8 bytes of hoisted variables"));
    }
}
