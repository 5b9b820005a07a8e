using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3009AnonymousTypeAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3009AnonymousTypeTests
{
    [Fact]
    public async Task Anonymous_objects_are_heap_objects()
    {
        const string source = """
            class Rows
            {
                object Row(int id, string name) => {|#0:new { Id = id, Name = name }|};
                (int, string) Tuple(int id, string name) => (id, name);   // a value tuple: no allocation
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3009AnonymousTypeAnalyzer.Descriptor).WithLocation(0).WithArguments("an anonymous-type object", "likely 32 bytes", "",
                "anonymous types are classes: each new { ... } is a heap object"));
    }
}
