using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator.Tests;

/// <summary>Text, data, BSS and thread-local segments, and the layout of the address space.</summary>
public class SegmentTests
{
    private const string Statics = """
        using System;
        static class Program
        {
            static int Answer = 42;                       // data, 4
            static string Name = "storage";               // data, a pointer
            static long Counter;                          // BSS, 8
            static object Cache = null;                   // BSS, a pointer
            [ThreadStatic] static int t_depth;            // thread-local, 4
            static ReadOnlySpan<byte> Magic => [1, 2, 3, 4, 5, 6, 7, 8]; // RVA data in the image, 8
            static void Main() => Console.WriteLine(Answer + Name + Counter + Cache + t_depth + Magic.Length);
        }
        """;

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void Statics_fill_data_bss_and_thread_local_by_their_own_size(int pointerSize)
    {
        var statics = Snippet.Compile(Statics).Simulate(pointerSize).Statics;

        Assert.Equal(4 + pointerSize + 8, statics.DataBytes);
        Assert.Equal(8 + pointerSize, statics.BssBytes);
        Assert.Equal(4, statics.ThreadLocalBytes);
        Assert.Equal(statics.DataBytes + statics.BssBytes + statics.ThreadLocalBytes, statics.Contributors.Sum(c => c.Bytes));
        Assert.Contains(statics.Contributors, c => c is { Name: "Program.Counter", Storage: StorageClass.StaticBss, Bytes: 8 });
    }

    [Fact]
    public void Text_is_measured_from_the_emitted_image_or_estimated_from_the_source()
    {
        var compilation = Snippet.Compile(Statics).Compilation;
        var measured = TextSize.Measure(compilation)!;
        var estimated = TextSize.Estimate(compilation);

        Assert.False(measured.Estimated);
        Assert.True(measured.IlBytes > 0 && measured.MetadataBytes > measured.IlBytes);
        Assert.True(estimated.Estimated);
        Assert.InRange(estimated.Bytes, measured.Bytes / 3, measured.Bytes * 3);
    }

    [Fact]
    public void Code_that_does_not_compile_has_no_measured_text()
    {
        var broken = Snippet.Compile("class C { }", program: false).Compilation
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class D { void M() { undefined(); } }",
                new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview)));
        Assert.Null(TextSize.Measure(broken));
    }

    [Fact]
    public void The_layout_puts_text_data_bss_heap_at_the_bottom_and_the_stacks_at_the_top()
    {
        var simulation = Snippet.Compile("""
            using System.Threading;
            static class Program
            {
                static int[] Data = { 1, 2, 3 };
                static void Main() => new Thread(Work, 256 * 1024).Start();
                static void Work() { }
            }
            """).Simulate(pointerSize: 4);
        var regions = simulation.AddressSpace.Regions;

        Assert.Equal([RegionKind.Text, RegionKind.Data, RegionKind.Bss, RegionKind.Heap, RegionKind.Stack, RegionKind.Stack], regions.Select(r => r.Kind));
        Assert.Equal(SimulationDefaults.ImageBase, regions[0].Start);
        for (int i = 1; i < 4; i++) Assert.Equal(regions[i - 1].End, regions[i].Start);
        var (main, worker) = (regions[4], regions[5]);
        Assert.Equal(1UL << 32, main.End);
        Assert.Equal((ulong)SimulationDefaults.MainThreadStackBytes, main.ReservedBytes);
        Assert.Equal(256UL * 1024, worker.ReservedBytes);
        Assert.Equal(main.Start - (ulong)SimulationDefaults.PageBytes, worker.End); // a guard page between stacks
        Assert.True(simulation.AddressSpace.Fits);
    }
}
