using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2003StackallocInLoopAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2003StackallocInLoopTests
{
    private static DiagnosticResult At(int marker, string type, string size) =>
        Verify.Diagnostic(SD2003StackallocInLoopAnalyzer.Descriptor).WithLocation(marker).WithArguments(type, size);

    [Fact]
    public async Task Stackalloc_in_every_kind_of_loop_is_reported()
    {
        const string source = """
            using System;
            unsafe class Tokenizer
            {
                int Run(string[] lines, int n)
                {
                    int total = 0;
                    for (int i = 0; i < lines.Length; i++) { Span<char> a = {|#0:stackalloc char[16]|}; total += a.Length; }
                    foreach (var line in lines) { Span<byte> b = {|#1:stackalloc byte[32]|}; total += b.Length; }
                    while (total < 100) { byte* c = {|#2:stackalloc byte[8]|}; total += c[0] + 1; }
                    do { Span<int> d = n <= 10 ? {|#3:stackalloc int[n]|} : new int[n]; total += d.Length; } while (total < 200);
                    for (int i = 0; i < 3; i++)
                        for (int j = 0; j < 3; j++) { Span<long> e = {|#4:stackalloc long[2]|}; total += e.Length; }
                    return total;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "char", "32"), At(1, "byte", "32"), At(2, "byte", "8"), At(3, "int", "up to 40"), At(4, "long", "16"));
    }

    [Fact]
    public async Task Foreach_collection_lambdas_and_local_functions_are_not_in_the_loop()
    {
        const string source = """
            using System;
            class Tokenizer
            {
                int Run(int n)
                {
                    int total = 0;
                    foreach (var b in stackalloc byte[] { 1, 2, 3 }) total += b;
                    for (int i = 0; i < n; i++)
                    {
                        Func<int> f = () => { Span<byte> inLambda = stackalloc byte[8]; return inLambda.Length; };
                        total += f() + Local();
                        int Local() { Span<byte> inLocal = stackalloc byte[8]; return inLocal.Length; }
                    }
                    Span<byte> before = stackalloc byte[8];
                    for (int i = 0; i < n; i++) total += before[i % 8];
                    return total;
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }
}
