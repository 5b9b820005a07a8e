using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StorageAnalyzers.Core.Tests.GroundTruth;

namespace StorageAnalyzers.Core.Tests.Stack;

/// <summary>
/// The bytes a stackalloc takes (what SD2001-SD2003 and frame estimates use) are count x the element's size: checked
/// against <c>Unsafe.SizeOf&lt;T&gt;()</c> of the same element types, compiled and loaded into this runtime.
/// </summary>
public class StackallocElementSizeTests
{
    private const string Source = """
        using System;
        using System.Runtime.InteropServices;

        public enum Small : byte { A }
        public struct Token { public int Start; public int Length; public Small Kind; }
        [StructLayout(LayoutKind.Sequential, Pack = 1)] public struct Packed { public byte A; public long B; }
        [StructLayout(LayoutKind.Explicit)] public struct Union { [FieldOffset(0)] public int I; [FieldOffset(0)] public double D; }
        public struct Pair<T> where T : unmanaged { public T First; public T Second; }
        public unsafe struct WithBuffer { public fixed byte Data[13]; public short Tail; }
        public struct Rgba { public byte R, G, B; public float A; }

        public static unsafe class Buffers
        {
            public static int Use()
            {
                Span<Token> a = stackalloc Token[10];
                Span<Packed> b = stackalloc Packed[10];
                Span<Union> c = stackalloc Union[10];
                Span<Pair<long>> d = stackalloc Pair<long>[10];
                Span<WithBuffer> e = stackalloc WithBuffer[10];
                Span<Rgba> f = stackalloc Rgba[10];
                Span<Pair<byte>> g = stackalloc Pair<byte>[10];
                Span<nint> h = stackalloc nint[10];
                Span<decimal> i = stackalloc decimal[10];
                Span<char> j = stackalloc char[10];
                return a.Length + b.Length + c.Length + d.Length + e.Length + f.Length + g.Length + h.Length + i.Length + j.Length;
            }
        }
        """;

    [Fact]
    public void Stackalloc_bytes_are_count_times_the_runtime_element_size()
    {
        var facts = IlGroundTruth.Compile(Source, OptimizationLevel.Release);
        var tree = facts.Compilation.SyntaxTrees.Single();
        var model = StorageModel.For(facts.Compilation);
        var semanticModel = facts.Compilation.GetSemanticModel(tree);

        using var stream = new MemoryStream();
        Assert.True(facts.Compilation.Emit(stream).Success);
        var context = new AssemblyLoadContext("StackallocSizes", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(stream.ToArray()));
            var stackallocs = tree.GetRoot().DescendantNodes().OfType<StackAllocArrayCreationExpressionSyntax>().ToList();
            Assert.Equal(10, stackallocs.Count);
            foreach (var node in stackallocs)
            {
                var elementSymbol = (ITypeSymbol)semanticModel.GetSymbolInfo(((ArrayTypeSyntax)node.Type).ElementType).Symbol!;
                var runtimeType = RuntimeType(assembly, elementSymbol);
                long expected = 10L * (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(runtimeType).Invoke(null, null)!;
                var site = model.DescribeStackalloc(semanticModel, node);
                Assert.True(expected == site.SizeBytes, $"{node}: runtime {expected} bytes, model {site.SizeBytes}");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static Type RuntimeType(Assembly assembly, ITypeSymbol symbol) => symbol switch
    {
        INamedTypeSymbol { IsGenericType: true } generic when !SymbolEqualityComparer.Default.Equals(generic, generic.ConstructedFrom) =>
            RuntimeType(assembly, generic.ConstructedFrom).MakeGenericType(generic.TypeArguments.Select(t => RuntimeType(assembly, t)).ToArray()),
        { SpecialType: not SpecialType.None } => Type.GetType("System." + symbol.MetadataName)!,
        _ => assembly.GetType(symbol.MetadataName)!,
    };
}
