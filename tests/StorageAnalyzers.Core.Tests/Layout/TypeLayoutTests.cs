using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Core.Tests.Layout;

/// <summary>
/// The truth is the running runtime: every size TypeLayout(8) computes from Roslyn symbols is compared with
/// Unsafe.SizeOf (values) or with GC.GetAllocatedBytesForCurrentThread (heap objects) for the same type, compiled
/// and loaded here. Each type is also compiled against the SDK's reference assemblies, where BCL structs hide
/// their private fields, as in a real build.
/// </summary>
public sealed class TypeLayoutTests(LayoutSnippets snippets) : IClassFixture<LayoutSnippets>
{
    private static readonly TypeLayout X64 = new(8);
    private static readonly TypeLayout X86 = new(4);

    public static TheoryData<string> ValueTypes => new(LayoutSnippets.ValueTypes);
    public static TheoryData<string> Classes => new(LayoutSnippets.Classes);

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void SizeOf_matches_the_runtime(string type)
    {
        long runtime = RuntimeSizeOf(snippets.RuntimeType(type));

        var fromImplementation = snippets.Symbol(type, snippets.Implementation);
        var fromReference = snippets.Symbol(type, snippets.Reference);
        Assert.Equal(runtime, X64.SizeOf(fromImplementation).Size);
        Assert.Equal(runtime, X64.SizeOf(fromReference).Size);
        Assert.True(X64.IsKnown(fromImplementation));
        Assert.True(X64.IsKnown(fromReference));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void ObjectSize_matches_the_allocation(string type)
    {
        var runtimeType = snippets.RuntimeType(type);
        long allocated = AllocatedBytes(() => RuntimeHelpers.GetUninitializedObject(runtimeType));

        var symbol = snippets.Symbol(type, snippets.Reference);
        Assert.Equal(allocated, X64.ObjectSize(symbol));
        Assert.True(X64.IsObjectSizeKnown(symbol));
    }

    [Fact]
    public void ObjectSize_of_an_anonymous_type_matches_the_allocation()
    {
        var instance = snippets.Probe.GetMethod("Anonymous")!.Invoke(null, null)!;
        long allocated = AllocatedBytes(() => RuntimeHelpers.GetUninitializedObject(instance.GetType()));

        var compilation = snippets.Reference;
        var creation = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes()
            .OfType<AnonymousObjectCreationExpressionSyntax>().Single();
        var symbol = compilation.GetSemanticModel(creation.SyntaxTree).GetTypeInfo(creation).Type!;
        Assert.Equal(allocated, X64.ObjectSize(symbol));
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("int")]
    [InlineData("long")]
    [InlineData("object")]
    [InlineData("Padded")]
    [InlineData("WithReference")]
    [InlineData("System.Collections.Generic.KeyValuePair<string, int>")]
    public void ArraySize_matches_the_allocation(string elementType)
    {
        var runtimeType = snippets.RuntimeType(elementType);
        var symbol = snippets.Symbol(elementType, snippets.Reference);
        foreach (int length in new[] { 0, 1, 3, 17 })
            Assert.Equal(AllocatedBytes(() => Array.CreateInstance(runtimeType, length)), X64.ArraySize(symbol, length));
    }

    [Fact]
    public void ArraySize_of_a_multidimensional_array_adds_the_bounds()
    {
        var intType = snippets.Symbol("int", snippets.Reference);
        var byteType = snippets.Symbol("byte", snippets.Reference);
        Assert.Equal(AllocatedBytes(() => new int[2, 3]), X64.ArraySize(intType, 6, rank: 2));
        Assert.Equal(AllocatedBytes(() => new byte[0, 0]), X64.ArraySize(byteType, 0, rank: 2));
        Assert.Equal(AllocatedBytes(() => new int[1, 1, 1]), X64.ArraySize(intType, 1, rank: 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(11)]
    public void StringSize_matches_the_allocation(int length) =>
        Assert.Equal(AllocatedBytes(() => new string('a', length)), X64.StringSize(length));

    [Fact]
    public void StringSize_of_an_empty_string_is_the_smallest_object()
    {
        // new string('a', 0) returns string.Empty and allocates nothing, so there is nothing to measure:
        // 8 header + 8 method table + 4 length + 2 terminator = 22, rounded up to 24.
        Assert.Equal(0, AllocatedBytes(() => new string('a', 0)));
        Assert.Equal(24, X64.StringSize(0));
    }

    [Theory]
    [InlineData("bool")]
    [InlineData("int")]
    [InlineData("long")]
    [InlineData("decimal")]
    [InlineData("System.Guid")]
    [InlineData("Empty")]
    [InlineData("Padded")]
    [InlineData("WithReference")]
    [InlineData("System.Int128")]
    public void BoxSize_matches_the_allocation(string valueType)
    {
        var runtimeType = snippets.RuntimeType(valueType);
        var symbol = snippets.Symbol(valueType, snippets.Reference);
        long allocated = AllocatedBytes(() => Activator.CreateInstance(runtimeType)!); // a boxed default value
        Assert.Equal(allocated, X64.BoxSize(symbol));
        Assert.Equal(allocated, X64.ObjectSize(symbol));
    }

    [Fact]
    public void BoxSize_of_a_nullable_is_the_box_of_its_value()
    {
        int? nullable = 42;
        Assert.Equal(AllocatedBytes(() => nullable), X64.BoxSize(snippets.Symbol("int?", snippets.Reference)));
    }

    [Fact]
    public void DelegateSize_matches_the_allocation()
    {
        var target = new object();
        long allocated = AllocatedBytes(() => new Func<int>(target.GetHashCode));
        Assert.Equal(allocated, X64.DelegateSize);
        Assert.Equal(allocated, X64.ObjectSize(snippets.Symbol("System.Func<int>", snippets.Reference)));
    }

    [Theory]
    [InlineData("T")]
    [InlineData("Error")]
    [InlineData("System.Threading.SpinLock")] // from a reference assembly: only a placeholder field is visible
    [InlineData("System.Numerics.Vector<byte>")] // as wide as the CPU's vectors
    [InlineData("Loop")] // contains itself: invalid code must not hang the analyzer
    public void Unknown_layouts_are_flagged(string type)
    {
        var source = CSharpSyntaxTree.ParseText("struct Loop { Loop inner; } struct Pair<T> { T a; }");
        var compilation = CSharpCompilation.Create("Unknowns", [source], snippets.Reference.References);
        ITypeSymbol symbol = type switch
        {
            "T" => compilation.GetTypeByMetadataName("Pair`1")!.TypeParameters[0],
            "Error" => compilation.CreateErrorTypeSymbol(null, "Missing", 0),
            "Loop" => compilation.GetTypeByMetadataName("Loop")!,
            _ => snippets.Symbol(type, snippets.Reference),
        };
        Assert.False(X64.IsKnown(symbol));
        Assert.True(X64.SizeOf(symbol).Size > 0);
    }

    [Fact]
    public void A_reference_type_parameter_is_one_pointer()
    {
        var symbol = snippets.Symbol("ReferenceHolder<object>", snippets.Reference);
        var parameter = ((INamedTypeSymbol)symbol).OriginalDefinition.TypeParameters[0];
        Assert.Equal(new TypeSize(8, 8), X64.SizeOf(parameter));
        Assert.True(X64.IsKnown(parameter));
    }

    [Fact]
    public void A_metadata_struct_is_known_when_its_fields_are_visible()
    {
        // The implementation assembly keeps SpinLock's private fields, and Roslyn imports a struct's private fields.
        var symbol = snippets.Symbol("System.Threading.SpinLock", snippets.Implementation);
        Assert.True(X64.IsKnown(symbol));
        Assert.Equal(RuntimeSizeOf(snippets.RuntimeType("System.Threading.SpinLock")), X64.SizeOf(symbol).Size);
    }

    [Fact]
    public void A_class_deriving_from_a_metadata_class_has_an_estimated_object_size()
    {
        // Roslyn does not import the private fields of classes from other assemblies.
        var symbol = snippets.Symbol("ListWithExtra", snippets.Reference);
        var runtimeType = snippets.RuntimeType("ListWithExtra");
        Assert.False(X64.IsObjectSizeKnown(symbol));
        Assert.True(X64.ObjectSize(symbol) < AllocatedBytes(() => RuntimeHelpers.GetUninitializedObject(runtimeType)));
        Assert.False(X64.IsObjectSizeKnown(snippets.Symbol("System.IDisposable", snippets.Reference)));
    }

    [Fact]
    public void Alignment_is_what_the_type_needs_inline()
    {
        Assert.Equal(new TypeSize(12, 4), X64.SizeOf(snippets.Symbol("Padded", snippets.Reference)));
        Assert.Equal(new TypeSize(16, 8), X64.SizeOf(snippets.Symbol("decimal", snippets.Reference)));
        Assert.Equal(new TypeSize(16, 4), X64.SizeOf(snippets.Symbol("System.Guid", snippets.Reference)));
        Assert.Equal(new TypeSize(16, 16), X64.SizeOf(snippets.Symbol("System.Int128", snippets.Reference)));
        // An auto-layout struct of 3 bytes is rounded to a power of two.
        Assert.Equal(new TypeSize(4, 4), X64.SizeOf(snippets.Symbol("AutoTiny", snippets.Reference)));
        Assert.Equal(new TypeSize(8, 8), X64.SizeOf(snippets.Symbol("string", snippets.Reference)));
    }

    // 32-bit cannot be checked against this 64-bit runtime: these are documented expectations for CoreCLR on x86, from
    // dotnet/runtime src/coreclr/vm/object.h (ObjHeader and MethodTable* of 4 bytes each, MIN_OBJECT_SIZE of 12,
    // ArrayBase's 4-byte length with no padding, StringObject's 4-byte length and terminator, Delegate and
    // MulticastDelegate's six pointer-sized fields) and its managed layout, which aligns 8-byte primitives to 4.
    [Fact]
    public void Thirty_two_bit_sizes_follow_the_documented_x86_layout()
    {
        ITypeSymbol Symbol(string type) => snippets.Symbol(type, snippets.Reference);
        Assert.Equal(new TypeSize(4, 4), X86.SizeOf(Symbol("object")));
        Assert.Equal(new TypeSize(4, 4), X86.SizeOf(Symbol("nint")));
        Assert.Equal(new TypeSize(12, 4), X86.SizeOf(Symbol("LongAfterByte"))); // 16 on x64
        Assert.Equal(new TypeSize(8, 4), X86.SizeOf(Symbol("System.Span<byte>")));
        Assert.Equal(new TypeSize(16, 4), X86.SizeOf(Symbol("decimal")));
        Assert.Equal(new TypeSize(8, 4), X86.SizeOf(Symbol("WithReference"))); // reference, then the two bytes
        Assert.Equal(12, X86.ObjectSize(Symbol("EmptyClass")));
        Assert.Equal(12, X86.ObjectSize(Symbol("OneInt")));
        Assert.Equal(24, X86.ObjectSize(Symbol("IntLongByte"))); // 8 + long 8 + int 4 + byte 1 = 21
        Assert.Equal(12, X86.ArraySize(Symbol("byte"), 0));
        Assert.Equal(24, X86.ArraySize(Symbol("int"), 3));
        Assert.Equal(16, X86.StringSize(0));
        Assert.Equal(24, X86.StringSize(5));
        Assert.Equal(12, X86.BoxSize(Symbol("int")));
        Assert.Equal(16, X86.BoxSize(Symbol("long")));
        Assert.Equal(32, X86.DelegateSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(16)]
    public void The_pointer_size_is_4_or_8(int pointerSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TypeLayout(pointerSize));

    private static long RuntimeSizeOf(Type type) => type.IsPointer || type.IsFunctionPointer
        ? IntPtr.Size // a pointer cannot be a type argument
        : (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;

    /// <summary>Bytes one call allocates, averaged over 100 calls after a warm-up (JIT, type loading, caches).
    /// The results are kept so escape analysis cannot move them to the stack.</summary>
    private static long AllocatedBytes(Func<object> allocate)
    {
        const int Calls = 100;
        var kept = new object[Calls];
        allocate();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
            kept[i] = allocate();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(kept);
        return allocated / Calls;
    }
}

/// <summary>
/// The snippet types, compiled once against the running runtime (emitted and loaded in a collectible context) and
/// once against the SDK's reference assemblies. Each type expression is the return type of a Probe method, which
/// gives both its Roslyn symbol and its runtime type.
/// </summary>
public sealed class LayoutSnippets : IDisposable
{
    public static readonly string[] ValueTypes =
    [
        "bool", "char", "byte", "short", "int", "long", "float", "double", "nint", "nuint", "object", "string", "int[]",
        "int*", "delegate*<int, void>", "ByteEnum", "LongEnum",
        "Empty", "Padded", "LongAfterByte", "Nested", "Packed1", "Packed2", "Sized", "SizeBelowFields",
        "Overlapping", "ExplicitSized", "FixedInts", "FixedBytes", "WithReference", "PackedWithReference",
        "NestedWithReference", "ReferenceAndStruct", "ExplicitWithReference", "Auto", "AutoTiny", "HoldsAutoTiny",
        "RecordStruct", "PropertyOrder", "CapturedParameter", "WithEvent", "InlineBytes", "InlineStructs",
        "InlineReferences", "Pair<byte, long>", "Pair<string, byte>", "RefFieldBetweenBytes", "HoldsSpan",
        "HoldsDateTime", "HoldsInt128",
        "System.DateTime", "System.TimeSpan", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly",
        "System.Guid", "decimal", "System.Half", "System.Int128", "System.UInt128", "System.Numerics.Complex",
        "System.Index", "System.Range", "System.Text.Rune", "System.Threading.CancellationToken",
        "System.Span<byte>", "System.ReadOnlySpan<char>", "System.Memory<byte>", "System.ReadOnlyMemory<char>",
        "System.ArraySegment<int>", "System.Collections.Immutable.ImmutableArray<int>",
        "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask<int>",
        "System.Threading.Tasks.ValueTask<long>", "System.Threading.Tasks.ValueTask<byte>",
        "System.Collections.Generic.KeyValuePair<int, long>", "System.Collections.Generic.KeyValuePair<string, int>",
        "(byte, long, byte)", "(int, string)", "(byte, byte, byte, byte, byte, byte, byte, byte, long)",
        "int?", "long?", "byte?", "decimal?", "System.DateTime?", "Padded?", "WithReference?",
        "System.Runtime.Intrinsics.Vector128<byte>", "System.Runtime.Intrinsics.Vector256<float>",
    ];

    public static readonly string[] Classes =
    [
        "EmptyClass", "OneInt", "IntLongByte", "WithObject", "DerivedAddsInt", "DerivedFillsNothing", "DerivedFillsGap",
        "HoldsStruct", "DerivedFromHoldsStruct", "ClassWithDateTime", "Mixed", "SequentialClass", "ClassWithEvent",
        "RecordClass", "Holder<long>", "Holder<Padded>", "ReferenceHolder<object>",
        // library classes whose fields the reference assemblies hide, described in TypeLayout by their runtime fields
        "System.Threading.Thread", "System.Threading.Tasks.Task", "System.Threading.Tasks.Task<int>",
        "System.Threading.Tasks.Task<long>", "System.Threading.Tasks.Task<byte>", "System.Threading.Tasks.Task<string>",
        "System.Threading.Tasks.Task<Padded>",
    ];

    private static readonly string[] Others = ["System.Func<int>", "System.IDisposable", "System.Threading.SpinLock", "System.Numerics.Vector<byte>", "ListWithExtra"];

    private const string Declarations = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;

        public enum ByteEnum : byte { A }
        public enum LongEnum : long { A }
        public struct Empty { }
        public struct Padded { public byte A; public int B; public byte C; }
        public struct LongAfterByte { public byte A; public long B; }
        public struct Nested { public byte A; public Padded B; public byte C; }
        [StructLayout(LayoutKind.Sequential, Pack = 1)] public struct Packed1 { public byte A; public long B; public short C; }
        [StructLayout(LayoutKind.Sequential, Pack = 2)] public struct Packed2 { public byte A; public long B; public byte C; }
        [StructLayout(LayoutKind.Sequential, Size = 5)] public struct Sized { public int A; }
        [StructLayout(LayoutKind.Sequential, Size = 2)] public struct SizeBelowFields { public int A; }
        [StructLayout(LayoutKind.Explicit)] public struct Overlapping { [FieldOffset(0)] public long A; [FieldOffset(4)] public int B; [FieldOffset(9)] public short C; }
        [StructLayout(LayoutKind.Explicit, Size = 6)] public struct ExplicitSized { [FieldOffset(0)] public long A; }
        public unsafe struct FixedInts { public fixed int Buffer[4]; public byte B; }
        public unsafe struct FixedBytes { public byte A; public fixed byte Buffer[3]; public int B; }
        public struct WithReference { public byte A; public object B; public byte C; }
        [StructLayout(LayoutKind.Sequential, Pack = 1)] public struct PackedWithReference { public byte A; public object B; public byte C; }
        public struct NestedWithReference { public byte A; public WithReference B; }
        public struct ReferenceAndStruct { public byte A; public Padded B; public object C; public byte D; }
        [StructLayout(LayoutKind.Explicit)] public struct ExplicitWithReference { [FieldOffset(0)] public object A; [FieldOffset(8)] public byte B; }
        [StructLayout(LayoutKind.Auto)] public struct Auto { public int A, B; public byte C; }
        [StructLayout(LayoutKind.Auto)] public struct AutoTiny { public byte A, B, C; }
        public struct HoldsAutoTiny { public byte A; public AutoTiny B; }
        public readonly record struct RecordStruct(byte A, long B, byte C);
        public struct PropertyOrder { public byte A; public int B { get; set; } public byte C; public long D; }
        public struct CapturedParameter(byte p) { public long A; public byte B; public int Get() => p; }
        public struct WithEvent { public byte A; public event Action E; }
        [InlineArray(3)] public struct InlineBytes { private byte _element; }
        [InlineArray(3)] public struct InlineStructs { private Padded _element; }
        [InlineArray(4)] public struct InlineReferences { private object _element; }
        public struct Pair<T, U> { public T A; public U B; }
        public ref struct RefFieldBetweenBytes { public byte A; public ref int B; public byte C; }
        public ref struct HoldsSpan { public Span<byte> A; public byte B; }
        public struct HoldsDateTime { public byte A; public DateTime B; public byte C; }
        public struct HoldsInt128 { public byte A; public Int128 B; }

        public class EmptyClass { }
        public class OneInt { public int A; }
        public class IntLongByte { public int A; public long B; public byte C; }
        public class WithObject { public object A; public byte B; }
        public class DerivedAddsInt : IntLongByte { public int D; }
        public class LongByte { public long A; public byte B; }
        public class DerivedFillsNothing : LongByte { public int C; }
        public class DerivedFillsGap : LongByte { public long C; public short D; public byte E; }
        public class HoldsStruct { public byte A; public Padded B; }
        public class DerivedFromHoldsStruct : HoldsStruct { public byte C; }
        public class ClassWithDateTime { public byte A; public DateTime B; }
        public class Mixed { public byte A; public short B; public long C; public byte D; public object E; public int F; }
        [StructLayout(LayoutKind.Sequential)] public class SequentialClass { public byte A; public long B; public byte C; }
        public class ClassWithEvent { public byte A; public event Action E; }
        public record class RecordClass(int A, string B);
        public class Holder<T> { public byte A; public T B; }
        public class ReferenceHolder<T> where T : class { public T A; }
        public class ListWithExtra : List<int> { public long Extra; }
        """;

    private readonly AssemblyLoadContext _context = new("LayoutSnippets", isCollectible: true);
    private readonly Dictionary<string, string> _methodNames;

    public LayoutSnippets()
    {
        _methodNames = ValueTypes.Concat(Classes).Concat(Others).Distinct()
            .Select((type, i) => (type, i))
            .ToDictionary(p => p.type, p => $"Of{p.i}");
        var probe = string.Concat(_methodNames.Select(p => $"    public static {p.Key} {p.Value}() => default;\n"));
        var anonymous = "    public static object Anonymous() => new { A = (byte)1, B = 2L, C = \"c\", D = 3 };\n";
        var source = $"{Declarations}\npublic static unsafe class Probe\n{{\n{probe}{anonymous}}}\n";

        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        Implementation = Compile(source, Directory.GetFiles(frameworkDirectory, "*.dll"));
        Reference = Compile(source, Directory.GetFiles(ReferenceAssemblyDirectory(), "*.dll"));

        using var image = new MemoryStream();
        var result = Implementation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        image.Position = 0;
        Probe = _context.LoadFromStream(image).GetType("Probe")!;
    }

    /// <summary>Compiled against the running runtime's own assemblies, whose struct fields are all visible.</summary>
    public CSharpCompilation Implementation { get; }

    /// <summary>Compiled against the SDK's reference assemblies, as a real build is.</summary>
    public CSharpCompilation Reference { get; }

    public Type Probe { get; }

    public ITypeSymbol Symbol(string type, Compilation compilation) =>
        ((IMethodSymbol)compilation.GetTypeByMetadataName("Probe")!.GetMembers(_methodNames[type]).Single()).ReturnType;

    public Type RuntimeType(string type) => Probe.GetMethod(_methodNames[type])!.ReturnType;

    public void Dispose() => _context.Unload();

    private static CSharpCompilation Compile(string source, IEnumerable<string> references)
    {
        var compilation = CSharpCompilation.Create(
            "LayoutSnippets",
            [CSharpSyntaxTree.ParseText(source)],
            references.Where(IsAssembly).Select(path => MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, optimizationLevel: OptimizationLevel.Release));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return compilation;
    }

    private static bool IsAssembly(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        return reader.HasMetadata; // the shared framework folder also holds native libraries
    }

    /// <summary>dotnet/packs/Microsoft.NETCore.App.Ref/{version}/ref/net{major}.{minor}, beside the running runtime in
    /// dotnet/shared/Microsoft.NETCore.App/{version}: the newest pack for this runtime's major.minor.</summary>
    private static string ReferenceAssemblyDirectory()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var packs = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        return Directory.GetDirectories(packs)
            .Where(pack => Directory.Exists(Path.Combine(pack, "ref", framework)))
            .OrderByDescending(pack => Version.TryParse(Path.GetFileName(pack), out var version) ? version : new Version())
            .Select(pack => Path.Combine(pack, "ref", framework))
            .FirstOrDefault() ?? throw new DirectoryNotFoundException($"No {framework} reference pack under {packs}.");
    }
}
