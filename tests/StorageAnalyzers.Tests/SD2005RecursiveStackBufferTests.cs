using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2005RecursiveStackBufferAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2005RecursiveStackBufferTests
{
    [Fact]
    public async Task Direct_and_mutual_recursion_with_stack_buffers_is_reported()
    {
        const string source = """
            using System;
            class JsonReader
            {
                int {|#0:ReadValue|}(string text, int depth)
                {
                    Span<char> name = stackalloc char[64];
                    return depth > 100 ? name.Length : ReadObject(text, depth + 1);
                }
                int ReadObject(string text, int depth) => ReadArray(text, depth) + 1;
                int ReadArray(string text, int depth) => ReadValue(text, depth);

                int {|#1:Walk|}(int n)
                {
                    Span<byte> b = n <= 16 ? stackalloc byte[n] : new byte[n];
                    return n == 0 ? b.Length : Walk(n - 1);
                }

                int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);   // recursive, no buffer: quiet
                int NotRecursive() { Span<byte> b = stackalloc byte[64]; return b.Length; }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD2005RecursiveStackBufferAnalyzer.Rule).WithLocation(0).WithArguments(
                "JsonReader.ReadValue", "through JsonReader.ReadValue -> JsonReader.ReadObject -> JsonReader.ReadArray -> JsonReader.ReadValue", 176,
                ", including 128 bytes of stackalloc"),
            Verify.Diagnostic(SD2005RecursiveStackBufferAnalyzer.Rule).WithLocation(1).WithArguments(
                "JsonReader.Walk", "it calls itself", 64, ", including 16 bytes of stackalloc"));
    }
}
