namespace StorageAnalyzers.Simulator.Tests;

/// <summary>Heap bytes per entry point: allocation sites times how often their code runs along the call tree.</summary>
public class HeapModelTests
{
    // Item: 16 bytes of header and method table + two longs = 32. int[n]: 24 + 4n rounded up to 8.
    private const string Item = "sealed class Item { public long A, B; }";

    [Fact]
    public void Constant_loop_bounds_are_followed_and_nested_loops_multiply()
    {
        var simulation = Snippet.Compile("""
            static class Program
            {
                static void Main()
                {
                    for (int i = 0; i < 100; i++) Keep(new Item());           // 100
                    for (int i = 10; i > 0; i -= 2) Keep(new Item());         // 5
                    for (int i = 1; i <= 3; i++)
                        for (int j = 0; j != 4; ++j) Keep(new Item());        // 12
                }
                static void Keep(object o) { }
            }
            """ + Item).Simulate();

        Assert.Equal((100 + 5 + 12) * 32, simulation.Heap("Program.Main"));
    }

    [Fact]
    public void Loops_without_a_constant_bound_run_the_assumed_count()
    {
        const string source = """
            static class Program
            {
                static void Main(string[] args)
                {
                    int n = args.Length;
                    while (n-- > 0) Keep(new Item());
                    for (int i = 0; i < args.Length; i++) Keep(new Item());
                }
                static void Keep(object o) { }
            }
            """ + Item;
        Assert.Equal(2 * 7 * 32, Snippet.Compile(source).Simulate(loops: 7).Heap("Program.Main"));
        Assert.Equal(2 * 3 * 32, Snippet.Compile(source).Simulate(loops: 3).Heap("Program.Main"));
    }

    [Fact]
    public void Foreach_counts_the_elements_of_a_collection_the_code_spells_out()
    {
        var simulation = Snippet.Compile("""
            using System.Linq;
            static class Program
            {
                static readonly string[] Names = { "a", "b", "c", "d" };
                static void Main()
                {
                    foreach (var name in Names) Keep(new Item());                  // 4
                    foreach (var i in new[] { 1, 2, 3 }) Keep(new Item());         // 3
                    foreach (var i in Enumerable.Range(0, 6)) Keep(new Item());    // 6
                    foreach (var c in "ab") Keep(new Item());                      // 2
                }
                static void Keep(object o) { }
            }
            """ + Item).Simulate();

        // The int[3] of the second loop is allocated too (once: a foreach evaluates its collection once).
        Assert.Equal((4 + 3 + 6 + 2) * 32 + 40, simulation.Heap("Program.Main"));
    }

    [Fact]
    public void A_call_in_a_loop_multiplies_everything_the_callee_allocates()
    {
        var simulation = Snippet.Compile("""
            static class Program
            {
                static void Main()
                {
                    for (int i = 0; i < 5; i++) Make();
                    Make();
                }
                static void Make()
                {
                    Keep(new int[100]);
                    for (int i = 0; i < 2; i++) Keep(new Item());
                }
                static void Keep(object o) { }
            }
            """ + Item).Simulate();

        Assert.Equal(6 * (424 + 2 * 32), simulation.Heap("Program.Main"));
    }

    [Fact]
    public void A_virtual_call_counts_the_override_that_allocates_most()
    {
        var simulation = Snippet.Compile("""
            abstract class Shape { public abstract object Build(); }
            sealed class Small : Shape { public override object Build() => new Item(); }
            sealed class Large : Shape { public override object Build() => new int[100]; }
            static class Program
            {
                static void Main() => Draw(new Small());
                static void Draw(Shape shape) { for (int i = 0; i < 3; i++) shape.Build(); }
            }
            """ + Item).Simulate();

        // new Small() is 24 bytes (an object without fields); each Build at most the int[100].
        Assert.Equal(24 + 3 * 424, simulation.Heap("Program.Main"));
    }

    [Fact]
    public void Recursion_allocates_once_per_round_for_the_assumed_depth()
    {
        const string source = """
            static class Program
            {
                static void Main() => Walk(3);
                static void Walk(int depth)
                {
                    var node = new Item();
                    if (depth > 0) Walk(depth - 1);
                }
            }
            """ + Item;
        Assert.Equal(4 * 32, Snippet.Compile(source).Simulate(recursion: 4).Heap("Program.Main"));
        Assert.Equal(9 * 32, Snippet.Compile(source).Simulate(recursion: 9).Heap("Program.Main"));
    }

    [Fact]
    public void Static_initialisation_is_counted_once_and_instance_initializers_in_each_construction()
    {
        var simulation = Snippet.Compile("""
            sealed class Holder { private readonly int[] _data = new int[10]; }
            static class Program
            {
                static readonly int[] Table = new int[100];
                static readonly Item Shared;
                static Program() { Shared = new Item(); }
                static void Main()
                {
                    for (int i = 0; i < 3; i++) Keep(new Holder());
                }
                static void Keep(object o) { }
            }
            """ + Item).Simulate();

        Assert.Equal(424 + 32, simulation.StaticInitialisation.Bytes);
        // Holder: 24 bytes (one reference field) + its int[10] (64 bytes), three times.
        Assert.Equal(3 * (24 + 64), simulation.Heap("Program.Main"));
        Assert.Equal(simulation.StaticInitialisation.Bytes + simulation.Heap("Program.Main"), simulation.HeapBytes);
    }

    [Fact]
    public void Work_on_other_threads_is_its_own_entry_and_a_lambda_runs_once_per_creation()
    {
        var simulation = Snippet.Compile("""
            using System;
            using System.Threading.Tasks;
            static class Program
            {
                static void Main()
                {
                    for (int i = 0; i < 2; i++)
                    {
                        int copy = i;
                        Func<object> make = () => new Item[copy];
                        make();
                    }
                    Task.Run(() => new Item()).Wait();
                }
            }
            """ + Item).Simulate();

        var main = Assert.Single(simulation.Entries, e => e.EntryName == "Program.Main").Heap;
        Assert.Equal(32, simulation.Heap("Program.Main.lambda@13"));
        // Per iteration: the closure, the delegate and the lambda's Item[copy] (of run-time size: not counted).
        Assert.Equal(1, main.UnknownSizeSites);
        Assert.Contains(main.Contributions, c => c.Site.Kind == Core.AllocationKind.Closure && c.Count == 2);
        Assert.DoesNotContain(main.Contributions, c => c.Site.TypeName == "Item");
        Assert.True(main.ExternalCallSites > 0); // Task.Run and Wait allocate inside the library, unseen
    }
}
