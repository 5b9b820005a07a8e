using Xunit.Abstractions;

namespace StorageAnalyzers.Core.Tests.Stack;

/// <summary>
/// Frame estimates against frames measured on the running runtime. Each probe method calls itself once and returns
/// the distance between the address of its <c>marker</c> local in the outer call and in the inner one: exactly one
/// frame of that method (return address, saved registers, locals, stack buffers and outgoing stack arguments).
/// Measuring by recursing until the stack overflows is not an option: that kills the test host.
/// </summary>
/// <remarks>
/// The probes are <c>NoInlining</c> (an inlined call has no frame of its own) and <c>AggressiveOptimization</c>
/// (methods called through reflection would otherwise first run as tier-0 code, whose frames keep every local and
/// temporary on the stack and are far larger than the optimized code that runs for long). Every local is used after
/// the recursive call so the JIT cannot drop it.
/// </remarks>
public class StackFrameGroundTruthTests(ITestOutputHelper output)
{
    private const string Probes = """
        using System;
        using System.Runtime.CompilerServices;

        public struct Big { public long A, B, C, D, E, F, G, H; }

        public static unsafe class Frames
        {
            private const MethodImplOptions Probe = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;

            public static long PlainDistance() => Plain(1, null);
            public static long LocalsDistance() => Locals(1, null);
            public static long ManyLocalsDistance() => ManyLocals(1, null);
            public static long BufferDistance() => Buffer(1, null);
            public static long BigParameterDistance() => BigParameter(1, null, default);
            public static long BigLocalDistance() => BigLocal(1, null);
            public static long CollectionDistance() => Collection(1, null);

            [MethodImpl(Probe)]
            public static long Plain(int depth, long* outer)
            {
                long marker = depth;
                if (depth == 0) return (long)outer - (long)&marker;
                return Plain(depth - 1, &marker);
            }

            [MethodImpl(Probe)]
            public static long Locals(int depth, long* outer)
            {
                long marker = depth;
                int a = depth * 3, b = depth + 7;
                long c = a * (long)b;
                double d = c / 3.0;
                if (depth == 0) return (long)outer - (long)&marker;
                long r = Locals(depth - 1, &marker);
                return r + (a ^ b ^ c ^ (long)d) - (a ^ b ^ c ^ (long)d);
            }

            [MethodImpl(Probe)]
            public static long ManyLocals(int depth, long* outer)
            {
                long marker = depth;
                long a = depth * 3, b = depth + 7, c = a * b, d = c ^ 5, e = d + a, f = e * b, g = f - c, h = g | 1;
                if (depth == 0) return (long)outer - (long)&marker;
                long r = ManyLocals(depth - 1, &marker);
                long x = a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
                return r + x - (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h);
            }

            [MethodImpl(Probe)]
            public static long Buffer(int depth, long* outer)
            {
                long marker = depth;
                Span<byte> buffer = stackalloc byte[256];
                buffer[depth] = 1;
                if (depth == 0) return (long)outer - (long)&marker;
                long r = Buffer(depth - 1, &marker);
                return r + buffer[1] - buffer[1];
            }

            [MethodImpl(Probe)]
            public static long BigParameter(int depth, long* outer, Big big)
            {
                long marker = depth + big.A;
                if (depth == 0) return (long)outer - (long)&marker;
                big.B = depth;
                long r = BigParameter(depth - 1, &marker, big);
                return r + big.H - big.H;
            }

            [MethodImpl(Probe)]
            public static long BigLocal(int depth, long* outer)
            {
                long marker = depth;
                Big big = default;
                big.C = depth;
                Consume(ref big);
                if (depth == 0) return (long)outer - (long)&marker;
                long r = BigLocal(depth - 1, &marker);
                Consume(ref big);
                return r + big.C - depth;
            }

            [MethodImpl(Probe)]
            public static long Collection(int depth, long* outer)
            {
                long marker = depth;
                Span<int> values = [depth, 2, 3, 4, 5, 6, 7, 8];
                if (depth == 0) return (long)outer - (long)&marker;
                long r = Collection(depth - 1, &marker);
                return r + values[depth] - values[1];
            }

            [MethodImpl(MethodImplOptions.NoInlining)]
            private static void Consume(ref Big big) => big.A++;
        }
        """;

    private static readonly Lazy<StackSnippet> Compiled = new(() => StackSnippet.Compile(Probes));

    public static TheoryData<string> Methods => new(["Locals", "ManyLocals", "Buffer", "BigParameter", "BigLocal", "Collection"]);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Estimate_is_within_a_factor_of_two_of_the_measured_frame(string method)
    {
        var (estimated, measured) = EstimatedAndMeasured(method);

        Assert.InRange(estimated, measured / 2, measured * 2);
    }

    [Fact]
    public void A_frame_with_almost_nothing_in_it_is_overestimated_never_underestimated()
    {
        // The JIT gives such a method only its return address and one slot; the fixed overhead assumes more.
        var (estimated, measured) = EstimatedAndMeasured("Plain");

        Assert.InRange(estimated, measured, 4 * measured);
    }

    private (long Estimated, long Measured) EstimatedAndMeasured(string method)
    {
        Assert.True(Environment.Is64BitProcess, "the estimates compared are the 64-bit ones");
        var snippet = Compiled.Value;
        long estimated = snippet.Analysis().Frame(snippet.Method("Frames." + method)).Bytes;
        long measured;
        using (var loaded = snippet.Load())
            measured = (long)loaded.Invoke("Frames", method + "Distance")!;
        output.WriteLine($"{method}: estimated {estimated} B, measured {measured} B ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})");
        return (estimated, measured);
    }
}
