namespace StorageAnalyzers.Core.Tests.Stack;

/// <summary>
/// Frame estimates built from the classifier's answers. Expected sizes spell out the model: 32 bytes of call overhead
/// on 64-bit (16 on 32-bit), each local rounded up to a pointer slot, stackalloc rounded to the stack alignment, the
/// whole frame rounded to 16 bytes (8 on 32-bit).
/// </summary>
public class FrameEstimatorTests
{
    [Fact]
    public void A_256_byte_stackalloc_and_a_few_locals()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            class C
            {
                public int M(int n)
                {
                    Span<byte> buffer = stackalloc byte[256];
                    int index = n & 255;
                    long twice = index * 2L;
                    return buffer[index] + (int)twice;
                }
            }
            """);
        var frame = snippet.Analysis().Frame(snippet.Method("C.M"));

        Assert.Equal(16 + 8 + 8, frame.LocalsBytes); // Span<byte>, int in a pointer slot, long
        Assert.Equal(256, frame.StackallocBytes);
        Assert.Equal(0, frame.ParametersBytes);
        Assert.True(frame.HasStackalloc);
        Assert.False(frame.HasUnboundedStackalloc);
        Assert.Equal(32 + 32 + 256, frame.Bytes);
        Assert.Equal(("stackalloc byte", 256L), frame.LargestItems[0]);
        Assert.Equal(("buffer", 16L), frame.LargestItems[1]);
    }

    [Fact]
    public void Captured_and_hoisted_locals_are_not_in_the_frame_but_struct_closures_are()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                public int Lambda(int n)
                {
                    long captured = n;
                    long plain = 2;
                    Func<long> read = () => captured;
                    return (int)(read() + plain);
                }

                public async Task<long> Async()
                {
                    long live = 1;
                    await Task.Yield();
                    return live;
                }

                public long StructClosure(int n)
                {
                    long shared = n;
                    long Local() => shared;
                    return Local();
                }
            }
            """);
        var analysis = snippet.Analysis();

        var lambda = analysis.Frame(snippet.Method("C.Lambda"));
        Assert.Equal(["plain", "read"], lambda.LargestItems.Select(i => i.Name).Order());
        Assert.Equal(16, lambda.LocalsBytes);
        Assert.Equal(0, analysis.Frame(snippet.Method("C.Async")).LocalsBytes);
        Assert.Equal(32, analysis.Frame(snippet.Method("C.Async")).Bytes);
        var structClosure = analysis.Frame(snippet.Method("C.StructClosure"));
        Assert.Equal(("shared", 8L), Assert.Single(structClosure.LargestItems));
    }

    [Fact]
    public void By_value_structs_over_two_pointers_are_copied_to_the_stack()
    {
        var snippet = StackSnippet.Compile("""
            struct Big { public long A, B, C, D; }
            struct Pair { public long A, B; }
            class C
            {
                public long ByValue(Big big, Pair pair) => big.A + pair.B;
                public long ByReference(in Big big, ref Big other) => big.A + other.B;
            }
            """);

        var x64 = snippet.Analysis(8).Frame(snippet.Method("C.ByValue"));
        Assert.Equal(32, x64.ParametersBytes); // Pair (16 bytes) travels in two registers
        Assert.Equal(("big", 32L), Assert.Single(x64.LargestItems));
        Assert.Equal(64, x64.Bytes);
        Assert.Equal(0, snippet.Analysis(8).Frame(snippet.Method("C.ByReference")).ParametersBytes);
        Assert.Equal(32 + 16, snippet.Analysis(4).Frame(snippet.Method("C.ByValue")).ParametersBytes); // two pointers are 8 bytes on 32-bit
    }

    [Fact]
    public void Pointer_size_changes_slots_overhead_and_alignment()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            class C
            {
                public int M(object o)
                {
                    long wide = 1;
                    int narrow = 2;
                    object reference = o;
                    Span<int> values = stackalloc int[10];
                    return values.Length + narrow + (int)wide + reference.GetHashCode();
                }
            }
            """);
        var x64 = snippet.Analysis(8).Frame(snippet.Method("C.M"));
        var x86 = snippet.Analysis(4).Frame(snippet.Method("C.M"));

        Assert.Equal(8 + 8 + 8 + 16, x64.LocalsBytes);
        Assert.Equal(48, x64.StackallocBytes); // 40 rounded to 16
        Assert.Equal(128, x64.Bytes); // 32 + 40 + 48 = 120, rounded to 16
        Assert.Equal(8 + 4 + 4 + 8, x86.LocalsBytes); // a Span is a pointer and an int
        Assert.Equal(40, x86.StackallocBytes);
        Assert.Equal(80, x86.Bytes); // 16 + 24 + 40
    }

    [Fact]
    public void Run_time_and_looping_stackallocs_are_unbounded()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            class C
            {
                public int RunTime(int n)
                {
                    Span<byte> buffer = stackalloc byte[n];
                    return buffer.Length;
                }

                public unsafe int InLoop(int n)
                {
                    int sum = 0;
                    for (int i = 0; i < n; i++)
                    {
                        byte* chunk = stackalloc byte[64];
                        sum += chunk[0];
                    }
                    return sum;
                }
            }
            """);
        var analysis = snippet.Analysis();

        var runTime = analysis.Frame(snippet.Method("C.RunTime"));
        Assert.True(runTime.HasUnboundedStackalloc);
        Assert.Equal(0, runTime.StackallocBytes);
        var inLoop = analysis.Frame(snippet.Method("C.InLoop"));
        Assert.True(inLoop.HasUnboundedStackalloc);
        Assert.Equal(64, inLoop.StackallocBytes);
    }

    [Fact]
    public void Nested_functions_own_their_locals_and_buffers()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            class C
            {
                public int Outer()
                {
                    long outerLocal = 1;
                    Func<int> lambda = () => { Span<long> inLambda = stackalloc long[16]; return inLambda.Length; };
                    int Local() { Span<int> inLocal = [1, 2, 3, 4]; return inLocal[0]; }
                    return lambda() + Local() + (int)outerLocal;
                }

                public int Property => Sum(stackalloc int[8]);
                static int Sum(Span<int> values) => values.Length;
            }
            """);
        var analysis = snippet.Analysis();

        var outer = analysis.Frame(snippet.Method("C.Outer"));
        Assert.False(outer.HasStackalloc);
        Assert.Equal(16, outer.LocalsBytes); // outerLocal and the delegate reference
        var lambda = analysis.Frame(snippet.Lambda());
        Assert.Equal(128, lambda.StackallocBytes);
        var local = analysis.Frame(snippet.LocalFunction("Local"));
        Assert.Equal(16 + 16, local.LocalsBytes); // the span and its 4-int inline array
        Assert.Equal(("collection int[4]", 16L), local.LargestItems.Single(i => i.Name.StartsWith("collection", StringComparison.Ordinal)));
        Assert.Equal(32, analysis.Frame(snippet.Method("C.get_Property")).StackallocBytes);
    }

    [Fact]
    public void Top_level_statements_and_external_methods()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            Span<byte> scratch = stackalloc byte[100];
            Console.WriteLine(scratch.Length);
            """, program: true);
        var analysis = snippet.Analysis();

        var main = analysis.Frame(snippet.Compilation.GetEntryPoint(default)!);
        Assert.Equal(112, main.StackallocBytes);
        Assert.Equal(16, main.LocalsBytes);
        var writeLine = snippet.Compilation.GetTypeByMetadataName("System.Console")!.GetMembers("WriteLine").OfType<Microsoft.CodeAnalysis.IMethodSymbol>().First();
        Assert.Equal(CallGraph.ExternalFrameBytes, analysis.Frame(writeLine).Bytes);
    }
}
