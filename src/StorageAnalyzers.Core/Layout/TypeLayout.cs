using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>The bytes a value occupies where it is stored inline (a field, a local, an array element), and the
/// alignment it needs there.</summary>
public readonly record struct TypeSize(long Size, int Alignment)
{
    // Explicit get-only properties: netstandard2.0 has no IsExternalInit for positional init accessors.
    public long Size { get; } = Size;
    public int Alignment { get; } = Alignment;
}

/// <summary>
/// Sizes of values and heap objects as CoreCLR (.NET 10) lays them out, for a 64-bit or 32-bit process.
/// </summary>
/// <remarks>
/// Value types follow the runtime's rules: sequential layout (declaration order, natural alignment capped by
/// <c>Pack</c>, <c>Size</c> as a minimum) for structs without object references; auto layout (references first,
/// then primitives from the largest down, then nested structs) for structs with references, for
/// <c>LayoutKind.Auto</c> and for classes; <c>LayoutKind.Explicit</c> by <c>FieldOffset</c>. The 64-bit results are
/// checked against the running runtime by TypeLayoutTests; 32-bit results model x86 (8-byte primitives aligned to 4)
/// and are not verified against a runtime.
/// <para>
/// What cannot be seen is reported, not guessed silently: an unconstrained type parameter or an error type is taken
/// to be one pointer, a struct from a reference assembly whose private fields are placeholders gets the layout of
/// what is visible, and <see cref="IsKnown"/> is false. A metadata struct's <c>StructLayout</c> is not visible to
/// Roslyn, so such structs are taken to be sequential, except a table of common BCL value types.
/// </para>
/// Thread-safe. Struct layouts are cached per symbol: use one instance per compilation.
/// </remarks>
public sealed class TypeLayout
{
    private readonly ConcurrentDictionary<ITypeSymbol, Shape> _structs = new(SymbolEqualityComparer.Default);
    // Object sizes by class: a class's layout walks its (and its bases') members, for every `new` of it otherwise.
    private readonly ConcurrentDictionary<ITypeSymbol, (long Size, bool Known)> _instances = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, (long Size, bool Known)> _computeInstance;

    public TypeLayout(int pointerSize)
    {
        if (pointerSize is not (4 or 8))
            throw new ArgumentOutOfRangeException(nameof(pointerSize), pointerSize, "The pointer size must be 4 or 8.");
        PointerSize = pointerSize;
        _computeInstance = ComputeInstance;
    }

    public int PointerSize { get; }

    /// <summary>Every object starts with a header (sync block index) and its method table pointer.</summary>
    private int ObjectHeaderSize => 2 * PointerSize;

    /// <summary>The GC never allocates less than a header, a method table pointer and one pointer-sized slot.</summary>
    private int MinObjectSize => 3 * PointerSize;

    /// <summary>Bytes a variable of this type occupies: a reference is one pointer, a value type its whole layout.</summary>
    public TypeSize SizeOf(ITypeSymbol type)
    {
        var shape = Describe(type, visiting: null);
        return new TypeSize(shape.Size, shape.Alignment);
    }

    /// <summary>False when <see cref="SizeOf"/> is an estimate: unconstrained type parameters, error types, structs
    /// whose fields a reference assembly hides.</summary>
    public bool IsKnown(ITypeSymbol type) => Describe(type, visiting: null).Known;

    /// <summary>Heap bytes of an instance: header, method table and the fields of the class and its base classes.
    /// A value type gives its boxed size, a delegate type <see cref="DelegateSize"/>, string and array types their
    /// empty instance; an interface or type parameter the smallest object.</summary>
    public long ObjectSize(ITypeSymbol classType) => Instance(classType).Size;

    /// <summary>False when <see cref="ObjectSize"/> is an estimate: a class deriving from a class in another
    /// assembly (whose private fields Roslyn does not import), an interface or type parameter (the concrete class is
    /// unknown).</summary>
    public bool IsObjectSizeKnown(ITypeSymbol classType) => Instance(classType).Known;

    /// <summary>Heap bytes of an array: header, method table and length padded to a pointer (24 on 64-bit), a length
    /// and a lower bound per dimension when <paramref name="rank"/> is over 1, then the elements.</summary>
    /// <param name="length">The total number of elements (the product of the dimensions).</param>
    public long ArraySize(ITypeSymbol elementType, long length, int rank = 1)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "An array length cannot be negative.");
        if (rank < 1)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, "An array has at least one dimension.");
        long header = ObjectHeaderSize + PointerSize + (rank > 1 ? 2 * sizeof(int) * rank : 0);
        return AlignUp(header + length * SizeOf(elementType).Size, PointerSize);
    }

    /// <summary>Heap bytes of a string: header, method table, int length, UTF-16 chars and a null terminator
    /// (22 + 2 * length rounded up to 8 on 64-bit). The runtime never allocates an empty string: all are
    /// <c>string.Empty</c>.</summary>
    public long StringSize(int length)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "A string length cannot be negative.");
        return HeapObject(sizeof(int) + 2L * (length + 1));
    }

    /// <summary>Heap bytes of a boxed value. Boxing a <c>Nullable&lt;T&gt;</c> boxes its <c>T</c>.</summary>
    public long BoxSize(ITypeSymbol valueType)
    {
        var boxed = valueType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : valueType;
        return HeapObject(SizeOf(boxed).Size);
    }

    /// <summary>Heap bytes of a delegate: Delegate's target, method base, method pointer and auxiliary pointer, and
    /// MulticastDelegate's invocation list and count (64 on 64-bit).</summary>
    public long DelegateSize => HeapObject(6L * PointerSize);

    /// <summary>Heap bytes of a runtime class that no reference assembly declares (a library's internal helper
    /// object), from its fields: <paramref name="references"/> object references, <paramref name="int32s"/> 32-bit
    /// integers and optionally one field of type <paramref name="field"/>, placed as CoreCLR places a class's fields.</summary>
    public long RuntimeObjectSize(int references, int int32s = 0, ITypeSymbol? field = null) =>
        RuntimeObjectSize(references, int32s, field is null ? [] : [field]);

    /// <summary>The same, with any number of typed fields (a compiler-generated class: an iterator's).</summary>
    public long RuntimeObjectSize(int references, int int32s, IEnumerable<ITypeSymbol> typedFields)
    {
        var fields = new List<Field>();
        for (int i = 0; i < references; i++) fields.Add(new Field(Reference, 0));
        for (int i = 0; i < int32s; i++) fields.Add(new Field(Primitive(4), 0));
        foreach (var field in typedFields) fields.Add(new Field(Describe(field, visiting: null), 0));
        return HeapObject(PlaceAuto(fields, 0));
    }

    private long HeapObject(long fieldBytes) => Math.Max(MinObjectSize, AlignUp(ObjectHeaderSize + fieldBytes, PointerSize));

    private (long Size, bool Known) Instance(ITypeSymbol type) => _instances.GetOrAdd(type, _computeInstance);

    private (long Size, bool Known) ComputeInstance(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_String } => (StringSize(0), true),
        IArrayTypeSymbol array => (ArraySize(array.ElementType, 0, array.Rank), true),
        { TypeKind: TypeKind.Delegate } => (DelegateSize, true),
        { IsValueType: true } => (BoxSize(type), IsKnown(type)),
        INamedTypeSymbol { TypeKind: TypeKind.Class } named => ClassInstance(named),
        _ => (MinObjectSize, false),
    };

    private (long Size, bool Known) ClassInstance(INamedTypeSymbol type)
    {
        var (fieldBytes, known) = ClassFields(type, visiting: null);
        return (HeapObject(fieldBytes), known);
    }

    /// <summary>Where a class's fields end, counted from just after the method table pointer. A derived class's
    /// fields start where its base's end, unaligned.</summary>
    private (long End, bool Known) ClassFields(INamedTypeSymbol type, HashSet<ITypeSymbol>? visiting)
    {
        if (type.SpecialType == SpecialType.System_Object)
            return (0, true);
        var (start, baseKnown) = type.BaseType is { } baseType ? ClassFields(baseType, visiting) : (0, true);
        var recipe = RecipeOf(type, visiting);
        return (Place(recipe, start, out _), baseKnown && recipe.Known);
    }

    private Shape Describe(ITypeSymbol type, HashSet<ITypeSymbol>? visiting) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => Primitive(PointerSize),
        IErrorTypeSymbol => Unknown,
        { IsReferenceType: true } => Reference, // classes, interfaces, delegates, arrays, strings, dynamic, T : class
        INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } => Describe(underlying, visiting),
        INamedTypeSymbol { IsValueType: true } named => PrimitiveSize(named.SpecialType) is { } size
            ? Primitive(size)
            : Struct(named, visiting),
        _ => Unknown, // a type parameter that may be a value type
    };

    private int? PrimitiveSize(SpecialType type) => type switch
    {
        SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
        SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16 => 2,
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
        SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
        SpecialType.System_IntPtr or SpecialType.System_UIntPtr => PointerSize,
        _ => null,
    };

    private Shape Struct(INamedTypeSymbol type, HashSet<ITypeSymbol>? visiting)
    {
        if (_structs.TryGetValue(type, out var cached))
            return cached;
        // The set of structs being laid out is made by the outermost one: most calls never get here.
        visiting ??= NewVisiting();
        if (!visiting.Add(type))
            return Unknown; // a struct that contains itself: invalid code, already an error
        var recipe = RecipeOf(type, visiting);
        visiting.Remove(type);

        long end = Place(recipe, 0, out int alignment);
        long size = Math.Max(end, 1); // an empty struct still takes a byte
        size = recipe.Size > 0 && LayoutOf(recipe) != LayoutKind.Auto
            ? Math.Max(size, recipe.Size) // StructLayout.Size is a minimum, not rounded up
            : AlignUp(size, alignment);
        var shape = new Shape(size * recipe.InlineLength, alignment, Kind.Struct, recipe.HasReferences, recipe.Known);
        return _structs.GetOrAdd(type, shape);
    }

    /// <summary>Lays out a type's own fields from <paramref name="start"/>; returns where they end and the alignment
    /// the type needs as a value.</summary>
    private long Place(Recipe recipe, long start, out int alignment)
    {
        switch (LayoutOf(recipe))
        {
            case LayoutKind.Explicit:
                alignment = MaxAlignment(recipe.Fields.Select(f => Packed(f.Shape.Alignment, recipe.Pack)));
                return recipe.Fields.Select(f => start + f.Offset + f.Shape.Size).DefaultIfEmpty(start).Max();
            case LayoutKind.Sequential:
                long offset = start;
                foreach (var field in recipe.Fields)
                    offset = AlignUp(offset, Packed(field.Shape.Alignment, recipe.Pack)) + field.Shape.Size;
                alignment = MaxAlignment(recipe.Fields.Select(f => Packed(f.Shape.Alignment, recipe.Pack)));
                return offset;
            default:
                long end = PlaceAuto(recipe.Fields, start);
                alignment = AutoAlignment(recipe, end - start);
                return end;
        }
    }

    /// <summary>The runtime keeps sequential layout only for types without object references (C# unmanaged
    /// types); it lays out the others automatically, ignoring Pack and Size.</summary>
    private static LayoutKind LayoutOf(Recipe recipe) =>
        recipe.Kind == LayoutKind.Sequential && recipe.HasReferences ? LayoutKind.Auto : recipe.Kind;

    /// <summary>
    /// CoreCLR auto layout (MethodTableBuilder::PlaceInstanceFields): if the base class left the start misaligned,
    /// fill the gap with small primitives; then place primitives from the largest size down, references ahead of the
    /// pointer-sized ones; then nested structs at their own alignment. Fields of a size keep declaration order.
    /// </summary>
    private long PlaceAuto(List<Field> fields, long start)
    {
        const int Log2MaxPrimitive = 3; // 8-byte primitives
        int log2Pointer = PointerSize == 8 ? 3 : 2;
        // Primitives of one size are all alike (see Primitive), and so are references: counts stand for them.
        int references = 0;
        var primitives = new int[Log2MaxPrimitive + 1];
        foreach (var field in fields)
        {
            if (field.Shape.Kind == Kind.Reference)
                references++;
            else if (field.Shape.Kind == Kind.Primitive)
            {
                for (int log2 = 0; log2 <= Log2MaxPrimitive; log2++)
                    if (field.Shape.Size == 1 << log2) primitives[log2]++;
            }
        }
        bool Remaining(int log2) => primitives[log2] > 0 || (log2 == log2Pointer && references > 0);

        long offset = start;
        void Put(Shape field) => offset = AlignUp(offset, field.Alignment) + field.Size;
        void PutPrimitive(int log2)
        {
            primitives[log2]--;
            Put(Primitive(1 << log2));
        }

        if (offset % PointerSize != 0)
        {
            for (int i = 0; i < Log2MaxPrimitive; i++)
            {
                if (offset % (1 << (i + 1)) == 0)
                    continue; // already aligned for the next size up
                bool biggerLeft = false;
                for (int bigger = i + 1; bigger <= Log2MaxPrimitive; bigger++) biggerLeft |= Remaining(bigger);
                if (!biggerLeft)
                    break; // nothing bigger left to align for
                int smaller = i;
                while (smaller >= 0 && !Remaining(smaller))
                    smaller--;
                if (smaller < 0 || primitives[smaller] == 0)
                    break; // nothing small enough, and references never move out of their group
                i = smaller;
                PutPrimitive(i);
            }
        }

        for (int log2 = Log2MaxPrimitive; log2 >= 0; log2--)
        {
            if (log2 == log2Pointer)
            {
                for (int i = 0; i < references; i++)
                    Put(Reference);
            }
            while (primitives[log2] > 0)
                PutPrimitive(log2);
        }
        foreach (var nested in fields)
            if (nested.Shape.Kind == Kind.Struct) Put(nested.Shape);
        return offset;
    }

    /// <summary>An auto-layout struct up to a pointer in size is rounded to a power of two (the JIT copies it as
    /// one machine word); a larger one to a pointer if it holds references, else to its largest field alignment,
    /// where every non-struct field counts as a pointer.</summary>
    private int AutoAlignment(Recipe recipe, long size)
    {
        if (size <= PointerSize)
        {
            int power = 1;
            while (power < size)
                power *= 2;
            return power;
        }
        if (recipe.HasReferences)
            return PointerSize;
        return MaxAlignment(recipe.Fields.Select(f =>
            f.Shape.Kind == Kind.Struct ? f.Shape.Alignment : Math.Max(PointerSize, f.Shape.Alignment)));
    }

    /// <summary>A type's fields as the runtime sees them, with its StructLayout and InlineArray settings.</summary>
    private Recipe RecipeOf(INamedTypeSymbol type, HashSet<ITypeSymbol>? visiting)
    {
        bool fromSource = type.OriginalDefinition.Locations.Any(l => l.IsInSource);
        if (!fromSource && WellKnown(type, visiting) is { } wellKnown)
            return wellKnown;

        var fields = new List<Field>();
        foreach (var member in fromSource ? type.GetMembers() : InstanceFields(type))
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false } field:
                    fields.Add(new Field(FieldShape(field, visiting), OffsetOf(field)));
                    break;
                case IEventSymbol { IsStatic: false, IsAbstract: false, AddMethod.IsImplicitlyDeclared: true } when fromSource:
                    fields.Add(new Field(Reference, 0)); // a field-like event's delegate field is not a member
                    break;
                case IPropertySymbol { IsStatic: false } property when type.IsAnonymousType:
                    fields.Add(new Field(Describe(property.Type, visiting), 0)); // each property has a hidden field
                    break;
            }
        }

        var kind = type.IsValueType ? LayoutKind.Sequential : LayoutKind.Auto; // what C# emits without StructLayout
        int pack = 0, inlineLength = 1;
        long size = 0;
        foreach (var attribute in type.GetAttributes())
        {
            // Only these two names need the (costly) full name.
            switch (attribute.AttributeClass is { Name: "StructLayoutAttribute" or "InlineArrayAttribute" } layout ? layout.ToDisplayString() : null)
            {
                case "System.Runtime.InteropServices.StructLayoutAttribute":
                    kind = (LayoutKind)(FirstArgument(attribute) ?? (int)kind);
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named is { Key: "Pack", Value.Value: int p })
                            pack = p;
                        else if (named is { Key: "Size", Value.Value: int s })
                            size = s;
                    }
                    break;
                case "System.Runtime.CompilerServices.InlineArrayAttribute":
                    inlineLength = FirstArgument(attribute) ?? 1;
                    break;
            }
        }

        bool known = fromSource || (type.IsValueType && !HidesFields(type)); // Roslyn skips metadata classes' private fields
        return new Recipe(fields, kind, known && fields.All(f => f.Shape.Known), pack, size, inlineLength);
    }

    /// <summary>The instance fields of a type outside the source, the only members <see cref="RecipeOf"/> reads there. A
    /// constructed generic type makes every member it is asked for (methods too): ask it only for the fields' names.</summary>
    private static IEnumerable<ISymbol> InstanceFields(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        foreach (var member in definition.GetMembers())
        {
            if (member is not IFieldSymbol { IsStatic: false } field) continue;
            if (ReferenceEquals(definition, type))
            {
                yield return field;
                continue;
            }
            foreach (var constructed in type.GetMembers(field.Name))
                if (constructed is IFieldSymbol && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, field)) yield return constructed;
        }
    }

    /// <summary>A reference assembly replaces a struct's private fields by placeholders; Roslyn does not expose the
    /// fields of special types (other than Nullable).</summary>
    private static bool HidesFields(INamedTypeSymbol type) =>
        type.SpecialType is not (SpecialType.None or SpecialType.System_Nullable_T)
        || type.GetMembers("_dummy").Length > 0
        || type.GetMembers("_dummyPrimitive").Length > 0;

    private Shape FieldShape(IFieldSymbol field, HashSet<ITypeSymbol>? visiting)
    {
        if (field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol buffer)
        {
            // The compiler emits a nested struct of Size = length * element size holding one element.
            var element = Describe(buffer.PointedAtType, visiting);
            return new Shape(element.Size * field.FixedSize, element.Alignment, Kind.Struct, known: element.Known);
        }
        // A ref field is a byref: pointer-sized, and unlike an object reference it keeps sequential layout.
        return field.RefKind == RefKind.None ? Describe(field.Type, visiting) : Primitive(PointerSize);
    }

    private static long OffsetOf(IFieldSymbol field) => field.GetAttributes()
        .Where(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.FieldOffsetAttribute")
        .Select(FirstArgument)
        .FirstOrDefault() ?? 0;

    private static int? FirstArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.FirstOrDefault().Value switch { int i => i, short s => s, _ => null };

    /// <summary>
    /// BCL value types whose layout Roslyn cannot see: a reference assembly hides their private fields, Roslyn hides
    /// those of DateTime and decimal, ValueTuple is auto layout, Int128 and the SIMD vectors are over-aligned.
    /// Each is described by its runtime fields so 32-bit follows; TypeLayoutTests checks them on 64-bit. The classes
    /// here are library classes a program commonly creates whose private fields the reference assemblies hide.
    /// </summary>
    private Recipe? WellKnown(INamedTypeSymbol type, HashSet<ITypeSymbol>? visiting)
    {
        Shape Argument(int index) => Describe(type.TypeArguments[index], visiting);
        if (type.ContainingType is not null)
            return null;
        string name = $"{type.ContainingNamespace?.ToDisplayString()}.{type.MetadataName}";
        if (name.StartsWith("System.ValueTuple", StringComparison.Ordinal)) // fields Item1..Item7 and Rest
            return WellKnownRecipe(type.TypeArguments.Select(t => Describe(t, visiting)).ToArray(), LayoutKind.Auto);
        Shape int8 = Primitive(8), int4 = Primitive(4), int2 = Primitive(2), int1 = Primitive(1);
        Shape pointer = Primitive(PointerSize);
        Shape[]? fields = name switch
        {
            "System.DateTime" or "System.TimeSpan" or "System.TimeOnly" => [int8],
            "System.DateOnly" or "System.Index" or "System.Text.Rune" => [int4],
            "System.Range" => [int4, int4],
            "System.DateTimeOffset" => [int8, int4],
            "System.Decimal" => [int4, int4, int8],
            "System.Guid" => [int4, int2, int2, int1, int1, int1, int1, int1, int1, int1, int1],
            "System.Half" => [int2],
            "System.Int128" or "System.UInt128" => [Aligned(16)],
            "System.Numerics.Complex" => [int8, int8],
            "System.Threading.CancellationToken" => [Reference],
            "System.Span`1" or "System.ReadOnlySpan`1" => [pointer, int4], // ref T and length
            "System.Memory`1" or "System.ReadOnlyMemory`1" or "System.ArraySegment`1" => [Reference, int4, int4],
            "System.Collections.Immutable.ImmutableArray`1" => [Reference],
            "System.Nullable`1" => [int1, Argument(0)],
            "System.Collections.Generic.KeyValuePair`2" => [Argument(0), Argument(1)],
            "System.Threading.Tasks.ValueTask" => [Reference, int2, int1],
            "System.Threading.Tasks.ValueTask`1" => [Reference, Argument(0), int2, int1],
            "System.Runtime.Intrinsics.Vector64`1" => [Aligned(8)],
            "System.Runtime.Intrinsics.Vector128`1" => [Aligned(16)],
            "System.Runtime.Intrinsics.Vector256`1" => [Aligned(32)],
            "System.Runtime.Intrinsics.Vector512`1" => [Aligned(64)],
            // As wide as the CPU's vectors: 16 bytes on Arm64, 32 with AVX2, 64 with AVX-512.
            "System.Numerics.Vector`1" => [new Shape(32, 32, Kind.Struct, known: false)],
            // _executionContext, _synchronizationContext, _name, _startHelper, the runtime's thread, _priority,
            // _managedThreadId, _mayNeedResetForThreadPool, _isDead, _isThreadPool (.NET 10)
            "System.Threading.Thread" => [Reference, Reference, Reference, Reference, pointer, int4, int4, int1, int1, int1],
            // m_taskId, m_action, m_stateObject, m_taskScheduler, m_stateFlags, m_continuationObject, m_contingentProperties
            "System.Threading.Tasks.Task" => [int4, Reference, Reference, Reference, int4, Reference, Reference],
            "System.Threading.Tasks.Task`1" => [Argument(0)], // m_result, after Task's fields
            "System.Runtime.ConstrainedExecution.CriticalFinalizerObject" => [], // Thread's base class
            _ => null,
        };
        return fields is null ? null : WellKnownRecipe(fields, type.IsValueType ? LayoutKind.Sequential : LayoutKind.Auto);
    }

    private static Recipe WellKnownRecipe(Shape[] fields, LayoutKind kind) =>
        new(fields.Select(f => new Field(f, 0)).ToList(), kind, fields.All(f => f.Known));

    // 32-bit x86 aligns 8-byte primitives to 4 bytes.
    private Shape Primitive(int size) => new(size, Math.Min(size, PointerSize), Kind.Primitive);

    private static Shape Aligned(int size) => new(size, size, Kind.Struct);

    private Shape Reference => new(PointerSize, PointerSize, Kind.Reference, hasReferences: true);

    private Shape Unknown => new(PointerSize, PointerSize, Kind.Struct, known: false);

    private static HashSet<ITypeSymbol> NewVisiting() => new(SymbolEqualityComparer.Default);

    private static int Packed(int alignment, int pack) => pack > 0 ? Math.Min(alignment, pack) : alignment;

    private static int MaxAlignment(IEnumerable<int> alignments) => alignments.DefaultIfEmpty(1).Max();

    private static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private enum Kind { Primitive, Reference, Struct }

    /// <summary>A field's footprint as the runtime's layout sees it.</summary>
    private readonly struct Shape(long size, int alignment, Kind kind, bool hasReferences = false, bool known = true)
    {
        public long Size { get; } = size;
        public int Alignment { get; } = alignment;
        public Kind Kind { get; } = kind;
        public bool HasReferences { get; } = hasReferences;
        public bool Known { get; } = known;
    }

    private readonly struct Field(Shape shape, long offset)
    {
        public Shape Shape { get; } = shape;
        public long Offset { get; } = offset; // FieldOffset, for explicit layout
    }

    private sealed class Recipe(
        List<Field> fields, LayoutKind kind, bool known, int pack = 0, long size = 0, int inlineLength = 1)
    {
        public List<Field> Fields { get; } = fields;
        public LayoutKind Kind { get; } = kind;
        public bool Known { get; } = known;
        public int Pack { get; } = pack;
        public long Size { get; } = size;
        public int InlineLength { get; } = inlineLength;
        public bool HasReferences { get; } = fields.Any(f => f.Shape.HasReferences);
    }
}
