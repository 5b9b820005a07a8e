using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD4001StaticArrayAsSpanAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD4001StaticArrayAsSpanTests
{
    private static DiagnosticResult At(int marker, string name, string element, string bytes) =>
        Verify.Diagnostic(SD4001StaticArrayAsSpanAnalyzer.Descriptor).WithLocation(marker).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments(name, element, bytes);

    [Fact]
    public async Task Read_only_arrays_of_constants_are_reported_with_the_heap_bytes_saved()
    {
        const string source = """
            using System;
            enum Kind : byte { A, B }
            class Codec
            {
                private static readonly byte[] {|#0:Magic|} = { 0x89, 0x50, 0x4E, 0x47, 0x0D };
                static readonly int[] {|#1:Primes|} = new int[] { 2, 3, 5, 7 };
                static readonly char[] {|#2:Separators|} = [',', ';'];
                static readonly Kind[] {|#3:Kinds|} = { Kind.A, Kind.B };

                static bool IsPng(ReadOnlySpan<byte> header) => header.StartsWith(Magic) && header.Length > Magic.Length;
                static int Sum()
                {
                    int sum = Primes[0] + Primes[^1];
                    foreach (var p in Primes) sum += p;
                    return sum + Kinds.Length;
                }
                static int Split(string text) => text.AsSpan().IndexOfAny(Separators.AsSpan());
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "Magic", "byte", "32"),
            At(1, "Primes", "int", "40"),
            At(2, "Separators", "char", "32"),
            At(3, "Kinds", "Kind", "32"));
    }

    [Fact]
    public async Task Arrays_that_are_written_handed_out_or_not_constant_are_not_reported()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            class Tables
            {
                static readonly byte[] Written = { 1, 2 };
                static readonly byte[] Passed = { 1, 2 };
                static readonly byte[] Returned = { 1, 2 };
                static readonly byte[] Reassigned = { 1, 2 };
                static readonly byte[] Incremented = { 1, 2 };
                static readonly byte[] Referenced = { 1, 2 };
                static readonly byte[] Writable = { 1, 2 };
                static readonly byte[] Enumerated = { 1, 2 };
                static readonly byte[] Sliced = { 1, 2, 3 };
                static readonly byte[] FromNested = { 1, 2 };
                public static readonly byte[] Public = { 1, 2 };
                static readonly byte[] NotConstant = { 1, (byte)Environment.ProcessorCount };
                static readonly byte[] Zeros = new byte[16];
                static readonly byte[] Empty = { };
                static readonly string[] Words = { "a", "b" };
                static readonly byte[] First = { 1 }, Second = { 2 };
                [ThreadStatic] static readonly byte[] Attributed = { 1 };

                static Tables() => Reassigned = new byte[] { 3 };
                static void Write() => Written[0] = 3;
                static int Pass() => Array.IndexOf(Passed, (byte)1);
                static byte[] Return() => Returned;
                static void Increment() => Incremented[1]++;
                static ref readonly byte Reference() => ref Referenced[0];
                static Span<byte> AsWritable() => Writable.AsSpan();
                static async Task<int> SumAsync()
                {
                    int sum = 0;
                    foreach (var b in Enumerated) sum += b;
                    await Task.Yield();
                    return sum;
                }
                static byte[] Slice() => Sliced[1..];
                static int Use() => First[0] + Second[0] + Attributed[0] + NotConstant[0] + Zeros[0] + Empty.Length + Words.Length + Public[0];

                class Nested
                {
                    static void Clear() => Array.Clear(FromNested);
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Uses_in_other_files_of_a_partial_type_count()
    {
        const string declarations = """
            partial class Tables
            {
                static readonly byte[] {|#0:ReadElsewhere|} = { 1, 2, 3 };
                static readonly byte[] WrittenElsewhere = { 1, 2, 3 };
                static readonly int[] PassedFromNestedElsewhere = { 1, 2 };
                static readonly byte[] WrittenByGeneratedCode = { 1, 2, 3 };
            }
            """;
        const string uses = """
            using System;
            partial class Tables
            {
                static int Read() => ReadElsewhere[0] + ReadElsewhere.Length + WrittenElsewhere[1];
                static void Write() => WrittenElsewhere[0] = 9;
                class Nested
                {
                    static int Find() => Array.IndexOf(PassedFromNestedElsewhere, 2);
                }
            }
            """;
        const string generated = """
            // <auto-generated/>
            partial class Tables
            {
                static void Reset() => WrittenByGeneratedCode[0] = 0;
            }
            """;
        await Verify.VerifyFilesAsync([declarations, uses, generated], At(0, "ReadElsewhere", "byte", "32"));
    }
}
