using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3010CollectionExpressionAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3010CollectionExpressionTests
{
    [Fact]
    public async Task Heap_targets_are_reported_stack_and_image_targets_are_not()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            class Shapes
            {
                int Run(int a, int b)
                {
                    int[] array = {|#0:[a, b]|};
                    List<int> list = {|#1:[a, b]|};
                    Span<int> span = [a, b];
                    ReadOnlySpan<byte> bytes = [1, 2, 3];
                    int[] empty = [];
                    return array.Length + list.Count + span.Length + bytes.Length + empty.Length;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3010CollectionExpressionAnalyzer.Descriptor).WithLocation(0).WithArguments("the collection expression (int[2])", "likely 32 bytes", "",
                "collection expression of array type: a new array on the heap"),
            Verify.Diagnostic(SD3010CollectionExpressionAnalyzer.Descriptor).WithLocation(1).WithArguments("the collection expression (List<int>)", "64 bytes", "", // List<int> 32 + int[2] 32
                "collection expression creating List<int>: heap storage"));
    }
}
