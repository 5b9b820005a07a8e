using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD1002AllocationSiteAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD1002AllocationSiteTests
{
    private static DiagnosticResult At(int marker, string kind, string type, string storage, string size, string loop, string reason) =>
        Verify.Diagnostic(SD1002AllocationSiteAnalyzer.Rule).WithLocation(marker).WithArguments(kind, type, storage, size, loop, reason);

    [Fact]
    public async Task Heap_objects_arrays_and_boxes_are_reported_with_sizes()
    {
        const string source = """
            class Inventory
            {
                object Make(int count)
                {
                    var items = {|#0:new int[3]|};
                    object boxed = {|#1:count|};
                    return {|#2:new object()|};
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "array", "int[3]", "dynamic storage (heap)", "40 bytes", "", "arrays live on the heap (the JIT may keep it on the stack when it never escapes (.NET 9+))"),
            At(1, "boxing", "int", "dynamic storage (heap)", "24 bytes", "", "int converted to object: boxed into a heap object"),
            At(2, "object", "object", "dynamic storage (heap)", "24 bytes", "", "new object: an instance of a class lives on the heap (the JIT may keep it on the stack when it never escapes (.NET 9+))"));
    }

    [Fact]
    public async Task Allocation_in_a_loop_says_per_iteration()
    {
        const string source = """
            class Batcher
            {
                void Run()
                {
                    for (int i = 0; i < 10; i++)
                    {
                        var chunk = {|#0:new byte[16]|};
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "array", "byte[16]", "dynamic storage (heap)", "40 bytes", ", per loop iteration", "arrays live on the heap (the JIT may keep it on the stack when it never escapes (.NET 9+))"));
    }

    [Fact]
    public async Task Stackalloc_is_automatic_and_cached_delegates_are_not_reported()
    {
        const string source = """
            using System;
            class Hasher
            {
                static int Twice(int x) => x * 2;
                int Hash()
                {
                    Span<byte> scratch = {|#0:stackalloc byte[32]|};
                    Func<int, int> f = Twice;
                    Func<int, int> g = x => x + 1;
                    return f(scratch.Length) + g(1);
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "stackalloc", "byte", "automatic storage (stack)", "32 bytes", "", "stackalloc of 32 x byte"));
    }

    [Fact]
    public async Task Interpolation_and_concatenation_do_not_box_but_build_strings()
    {
        const string source = """
            class Log
            {
                string Line(int id) => {|#0:$"id={id}"|};
                string Concat(int id) => {|#1:"id=" + id|};
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "string", "string", "dynamic storage (heap)", "size known at run time", "", "string interpolation builds a new string"),
            At(1, "string", "string", "dynamic storage (heap)", "size known at run time", "", "string concatenation builds a new string (string.Concat)"));
    }
}
