using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StorageAnalyzers.Core.Tests.GroundTruth;

namespace StorageAnalyzers.Core.Tests.Classification;

/// <summary>
/// Facts the IL cannot show by itself (storage of fields and constants, referents, stack buffer sizes, sizes under a
/// 32-bit pointer, reasons) on small snippets. What the IL can show is the ground-truth suite's job.
/// </summary>
public class ClassifierFactsTests
{
    private static FileStorage Classify(string source, int pointerSize = 8, OptimizationLevel level = OptimizationLevel.Release)
    {
        var facts = IlGroundTruth.Compile(source, level); // compiles (and fails on errors) exactly like the IL suite
        return StorageModel.For(facts.Compilation, pointerSize).Classify(facts.Compilation.SyntaxTrees.Single());
    }

    private static VariableStorage Variable(FileStorage storage, string name) => storage.Variables.Single(v => v.Name == name);

    [Fact]
    public void Stackalloc_span_reports_the_buffer_as_automatic_with_count_times_element_size()
    {
        var storage = Classify("""
            using System;
            struct Pixel { public byte R, G, B; public int Alpha; }
            class C
            {
                public int M()
                {
                    Span<Pixel> pixels = stackalloc Pixel[10];
                    Span<long> fixedSize = stackalloc long[] { 1, 2, 3 };
                    return pixels.Length + fixedSize.Length;
                }
            }
            """);
        var pixels = Variable(storage, "pixels");
        Assert.Equal((StorageClass.Automatic, StorageClass.Automatic, 80L), (pixels.Storage, pixels.Referent!.Value, pixels.SizeBytes!.Value));
        Assert.Equal("stackalloc of 10 x Pixel", pixels.Reason);
        Assert.Equal(24L, Variable(storage, "fixedSize").SizeBytes);
        Assert.Equal(new long?[] { 80, 24 }, storage.Allocations.Where(a => a.Kind == AllocationKind.Stackalloc).Select(a => a.SizeBytes));
    }

    [Fact]
    public void Fields_are_inline_in_structs_dynamic_in_classes_and_statics_split_by_initial_value()
    {
        var storage = Classify("""
            using System;
            unsafe struct Header { public int Length; public fixed byte Tag[12]; }
            class Registry
            {
                const string Prefix = "r:";
                static readonly string[] Names = { "a", "b" };
                static object Lock;
                [ThreadStatic] static int Depth;
                public int Count { get; set; } = 3;
                public static event Action Changed;
                public int Next() => ++Depth + Count + (Lock is null ? 0 : 1) + Names.Length + (Changed is null ? 0 : 1) + Prefix.Length;
            }
            """);
        Assert.Equal(StorageClass.Inline, Variable(storage, "Length").Storage);
        var tag = Variable(storage, "Tag");
        Assert.Equal((StorageClass.Inline, 12L), (tag.Storage, tag.SizeBytes!.Value));
        Assert.Equal((StorageClass.Constant, 0L), (Variable(storage, "Prefix").Storage, Variable(storage, "Prefix").SizeBytes!.Value));
        var names = Variable(storage, "Names");
        Assert.Equal((StorageClass.StaticData, StorageClass.Dynamic), (names.Storage, names.Referent!.Value));
        Assert.Equal(StorageClass.StaticBss, Variable(storage, "Lock").Storage);
        Assert.Equal(StorageClass.ThreadLocal, Variable(storage, "Depth").Storage);
        var count = Variable(storage, "Count");
        Assert.Equal((VariableKind.BackingField, StorageClass.Dynamic), (count.Kind, count.Storage));
        var changed = Variable(storage, "Changed");
        Assert.Equal((VariableKind.EventField, StorageClass.StaticBss), (changed.Kind, changed.Storage));
    }

    [Fact]
    public void Static_set_by_the_static_constructor_is_data()
    {
        var storage = Classify("""
            static class Config
            {
                static int Retries;
                static int Unused;
                static Config() { Retries = 3; Unused = 0; }
                public static int Total => Retries + Unused;
            }
            """);
        Assert.Equal(StorageClass.StaticData, Variable(storage, "Retries").Storage);
        Assert.Equal(StorageClass.StaticBss, Variable(storage, "Unused").Storage);
    }

    [Fact]
    public void Referents_follow_the_initializer()
    {
        var storage = Classify("""
            using System;
            class C
            {
                public int M(int n)
                {
                    object boxed = n;
                    var list = new System.Collections.Generic.List<int>();
                    ReadOnlySpan<byte> magic = "GIF89a"u8;
                    string literal = "plain";
                    Span<int> inline = [n, n + 1];
                    return boxed.GetHashCode() + list.Count + magic.Length + literal.Length + inline.Length;
                }
            }
            """);
        Assert.Equal(StorageClass.Dynamic, Variable(storage, "boxed").Referent);
        Assert.Equal(StorageClass.Dynamic, Variable(storage, "list").Referent);
        Assert.Equal(StorageClass.StaticData, Variable(storage, "magic").Referent);
        Assert.Null(Variable(storage, "literal").Referent);
        Assert.Equal(StorageClass.Automatic, Variable(storage, "inline").Referent);
    }

    [Fact]
    public void Pointer_size_4_shrinks_references_and_objects()
    {
        const string source = """
            class Node
            {
                Node _next;
                public object Make() => _next ??= new Node();
            }
            """;
        var wide = Classify(source);
        var narrow = Classify(source, pointerSize: 4);
        Assert.Equal(8L, Variable(wide, "_next").SizeBytes);
        Assert.Equal(4L, Variable(narrow, "_next").SizeBytes);
        Assert.Equal(24L, wide.Allocations.Single(a => a.Kind == AllocationKind.Object).SizeBytes);
        Assert.Equal(12L, narrow.Allocations.Single(a => a.Kind == AllocationKind.Object).SizeBytes);
    }

    [Fact]
    public void Ref_locals_ref_structs_and_struct_this_stay_on_the_stack()
    {
        var storage = Classify("""
            using System;
            struct Counter
            {
                int _value;
                public int Bump(int[] values)
                {
                    ref int first = ref values[0];
                    ReadOnlySpan<int> view = values;
                    first++;
                    return _value + view.Length;
                }
            }
            """);
        var first = Variable(storage, "first");
        Assert.Equal((StorageClass.Automatic, 8L), (first.Storage, first.SizeBytes!.Value));
        Assert.Contains("ref local", first.Reason);
        var view = Variable(storage, "view");
        Assert.Equal((StorageClass.Automatic, 16L), (view.Storage, view.SizeBytes!.Value));
        var self = storage.Variables.Single(v => v.Kind == VariableKind.This);
        Assert.Equal((StorageClass.Automatic, 8L), (self.Storage, self.SizeBytes!.Value));
    }

    [Fact]
    public void Primary_constructor_parameters_are_fields_only_when_a_member_uses_them()
    {
        var storage = Classify("""
            class Greeter(string name, int times)
            {
                private readonly int _times = times;
                public string Greet() => "Hello " + name + _times;
            }
            record Point(int X, int Y);
            """);
        Assert.Equal(StorageClass.Dynamic, Variable(storage, "name").Storage);
        Assert.Equal(StorageClass.Automatic, Variable(storage, "times").Storage);
        Assert.Equal(StorageClass.Dynamic, Variable(storage, "X").Storage);
    }

    [Fact]
    public void Query_range_variables_travel_in_anonymous_objects_once_a_query_has_several()
    {
        var storage = Classify("""
            using System.Linq;
            class C
            {
                public int[] Single(int[] xs) => (from x in xs select x * 2).ToArray();
                public int[] Several(int[] ys) => (from y in ys let z = y * 2 select y + z).ToArray();
            }
            """);
        Assert.Equal(StorageClass.Automatic, Variable(storage, "x").Storage);
        Assert.Equal(StorageClass.Dynamic, Variable(storage, "y").Storage);
        Assert.Equal(StorageClass.Dynamic, Variable(storage, "z").Storage);
        Assert.All(storage.Variables.Where(v => v.Kind == VariableKind.RangeVariable), v => Assert.Null(v.SizeBytes));
    }

    [Fact]
    public void Allocations_in_loops_and_runtime_only_boxing_are_marked()
    {
        var storage = Classify("""
            struct Plain { public int A; }
            class C
            {
                public string M(Plain p)
                {
                    var text = "";
                    for (int i = 0; i < 3; i++)
                        text += p.ToString();
                    foreach (var part in new[] { "a", "b" })
                        text += part.Length;
                    return text;
                }
            }
            """);
        var box = storage.Allocations.Single(a => a.Kind == AllocationKind.Boxing);
        Assert.Equal((AllocationCertainty.Runtime, true, 24L), (box.Certainty, box.InLoop, box.SizeBytes!.Value));
        var array = storage.Allocations.Single(a => a.Kind == AllocationKind.Array);
        Assert.False(array.InLoop); // the foreach collection is evaluated once
        Assert.All(storage.Allocations.Where(a => a.Kind == AllocationKind.String), s => Assert.True(s.InLoop));
    }

    [Fact]
    public void Formattable_strings_allocate_an_object_array_and_box_value_holes()
    {
        var storage = Classify("""
            using System;
            class C
            {
                public FormattableString M(int id, string name) => $"{id}:{name}";
            }
            """);
        Assert.Equal(
            new[] { AllocationKind.Object, AllocationKind.Boxing, AllocationKind.ParamsArray },
            storage.Allocations.Select(a => a.Kind).OrderBy(k => k).ToArray());
        Assert.Equal(40L, storage.Allocations.Single(a => a.Kind == AllocationKind.ParamsArray).SizeBytes);
    }

    [Fact]
    public void With_clones_a_record_class_on_the_heap_but_copies_a_record_struct()
    {
        var storage = Classify("""
            record Person(string Name, int Age);
            record struct Point(int X, int Y);
            class C
            {
                public object M(Person p, Point q) => (p with { Age = 3 }, q with { X = 1 });
            }
            """);
        var clone = storage.Allocations.Single(a => a.TypeName == "Person");
        Assert.Equal((AllocationKind.Object, AllocationCertainty.Runtime, 32L), (clone.Kind, clone.Certainty, clone.SizeBytes!.Value));
        Assert.DoesNotContain(storage.Allocations, a => a.TypeName == "Point" && a.Kind == AllocationKind.Object);
    }

    [Theory]
    [InlineData(OptimizationLevel.Release, AllocationCertainty.Runtime)]
    [InlineData(OptimizationLevel.Debug, AllocationCertainty.Emitted)]
    public void Async_state_machine_is_boxed_on_suspension_in_release_and_allocated_per_call_in_debug(OptimizationLevel level, AllocationCertainty expected)
    {
        var storage = Classify("""
            using System.Threading.Tasks;
            class C
            {
                public async Task<int> M() { await Task.Yield(); return 1; }
            }
            """, level: level);
        Assert.Equal(expected, storage.Allocations.Single(a => a.Kind == AllocationKind.StateMachine).Certainty);
    }

    [Fact]
    public void The_model_is_shared_per_compilation_and_rejects_bad_pointer_sizes()
    {
        var compilation = CSharpCompilation.Create("x", new[] { CSharpSyntaxTree.ParseText("class C { }") });
        Assert.Same(StorageModel.For(compilation), StorageModel.For(compilation));
        Assert.NotSame(StorageModel.For(compilation, 8), StorageModel.For(compilation, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageModel.For(compilation, 6));
    }
}
