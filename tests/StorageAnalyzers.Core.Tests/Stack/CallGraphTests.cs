using System.Text;

namespace StorageAnalyzers.Core.Tests.Stack;

public class CallGraphTests
{
    [Fact]
    public void Direct_recursion_and_a_three_method_cycle_are_found()
    {
        var snippet = StackSnippet.Compile("""
            class C
            {
                public int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
                public int A(int n) => n == 0 ? 0 : B(n - 1);
                public int B(int n) => C1(n) + Leaf();
                public int C1(int n) => A(n);
                public int Leaf() => 1;
            }
            """);
        var graph = snippet.Graph;

        Assert.True(graph.IsRecursive(snippet.Method("C.Factorial")));
        Assert.Equal(["C.Factorial"], graph.CycleOf(snippet.Method("C.Factorial")).Names());
        Assert.Equal(["C.A", "C.B", "C.C1"], graph.CycleOf(snippet.Method("C.B")).Names());
        Assert.False(graph.IsRecursive(snippet.Method("C.Leaf")));
        Assert.Empty(graph.CycleOf(snippet.Method("C.Leaf")));
        // Components come callees first: Leaf before the cycle that calls it.
        var order = graph.StronglyConnectedComponents.Select(c => c.Names()).ToList();
        Assert.True(order.FindIndex(c => c.SequenceEqual(["C.Leaf"])) < order.FindIndex(c => c.Contains("C.A")));
    }

    [Fact]
    public void A_virtual_call_fans_out_to_every_override_and_base_calls_do_not()
    {
        var snippet = StackSnippet.Compile("""
            abstract class Shape
            {
                public abstract double Area();
                public virtual string Name() => "shape";
            }
            class Circle : Shape { public override double Area() => 3.14; }
            class Square : Shape
            {
                public override double Area() => 1;
                public override string Name() => "square" + base.Name();
            }
            class Report
            {
                public double Total(Shape shape) => shape.Area();
                public string Label(Shape shape) => shape.Name();
                public double OnlySquares(Square square) => square.Area();
            }
            """);
        var graph = snippet.Graph;

        Assert.Equal(["Circle.Area", "Square.Area"], graph.Callees(snippet.Method("Report.Total")).Names());
        Assert.Equal(["Shape.Name", "Square.Name"], graph.Callees(snippet.Method("Report.Label")).Names());
        Assert.Equal(["Square.Area"], graph.Callees(snippet.Method("Report.OnlySquares")).Names());
        Assert.Contains("Shape.Name", graph.Callees(snippet.Method("Square.Name")).Names());
        Assert.DoesNotContain("Square.Name", graph.Callees(snippet.Method("Square.Name")).Names());
    }

    [Fact]
    public void An_interface_call_reaches_every_implementation_including_explicit_and_generic_ones()
    {
        var snippet = StackSnippet.Compile("""
            interface IHandler { void Handle(); }
            interface IParser<T> { T Parse(string s); }
            class Loud : IHandler { public void Handle() { } }
            class Quiet : IHandler { void IHandler.Handle() { } }
            class LoudChild : Loud { }
            class IntParser : IParser<int> { public int Parse(string s) => s.Length; }
            class Runner
            {
                public void Run(IHandler handler) => handler.Handle();
                public int Parse(IParser<int> parser) => parser.Parse("x");
            }
            """);
        var graph = snippet.Graph;

        Assert.Equal(["Loud.Handle", "Quiet.IHandler.Handle"], graph.Callees(snippet.Method("Runner.Run")).Names());
        Assert.Equal(["IntParser.Parse"], graph.Callees(snippet.Method("Runner.Parse")).Names());
    }

    [Fact]
    public void Constructors_accessors_operators_local_functions_and_delegates_are_edges()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            using System.Linq;
            class Money
            {
                public Money(int cents) { Cents = cents; }
                public int Cents { get; set; }
                public int this[int i] { get => Cents + i; set => Cents = value; }
                public static Money operator +(Money a, Money b) => new(a.Cents + b.Cents);
            }
            class Base { public Base() { Log(); } static void Log() { } }
            class Derived : Base { public Derived() { } }
            class Implicit : Base { }
            class Primary(int x) : Base { public int X => x; }
            class Config
            {
                static readonly int Shared = Compute();
                readonly int _own = Compute();
                public Config() { }
                public Config(int x) : this() { }
                static int Compute() => 1;
            }
            class Uses
            {
                public int Write(Money m) { m.Cents = 1; m[0] = 2; m.Cents += 3; return m[1]; }
                public Money Add(Money a, Money b) => a + b;
                public int Locals() { int Twice(int x) => x * 2; return Twice(3); }
                public int Delegates(int[] values)
                {
                    Func<int, int> square = Square;
                    return square(2) + values.Select(v => v + 1).Sum();
                }
                static int Square(int x) => x * x;
            }
            """);
        var graph = snippet.Graph;

        Assert.Equal(["Money.get_Cents", "Money.get_Item", "Money.set_Cents", "Money.set_Item"],
            graph.Callees(snippet.Method("Uses.Write")).Names());
        Assert.Equal(["Money.op_Addition"], graph.Callees(snippet.Method("Uses.Add")).Names());
        Assert.Equal(["Money..ctor", "Money.get_Cents"], graph.Callees(snippet.Method("Money.op_Addition")).Names());
        Assert.Equal(["Base..ctor"], graph.Callees(snippet.Method("Derived..ctor")).Names());
        Assert.Equal(["Base..ctor"], graph.Callees(snippet.Method("Implicit..ctor")).Names());
        Assert.Equal(["Base..ctor"], graph.Callees(snippet.Method("Primary..ctor")).Names());
        Assert.Equal(["Config.Compute"], graph.Callees(snippet.Method("Config..cctor")).Names());
        var configConstructors = snippet.Compilation.GetTypeByMetadataName("Config")!.InstanceConstructors;
        Assert.Equal(["Config.Compute"], graph.Callees(configConstructors.Single(c => c.Parameters.Length == 0)).Names());
        Assert.Equal(["Config..ctor"], graph.Callees(configConstructors.Single(c => c.Parameters.Length == 1)).Names());
        Assert.Equal(["Twice"], graph.Callees(snippet.Method("Uses.Locals")).Names());
        var delegates = graph.Callees(snippet.Method("Uses.Delegates"));
        Assert.Contains("Uses.Square", delegates.Names());
        Assert.Contains("lambda", delegates.Names());
        Assert.Contains(delegates, m => m.Name == "Select" && graph.IsExternal(m));
        Assert.False(graph.IsExternal(snippet.Lambda()));
    }

    [Fact]
    public void Worst_case_picks_the_deepest_path()
    {
        var snippet = StackSnippet.Compile("""
            unsafe class C
            {
                public int Entry(int n) => Shallow(n) + Middle(n);
                int Shallow(int n) { byte* small = stackalloc byte[64]; return small[n]; }
                int Middle(int n) => Deep(n) + 1;
                int Deep(int n) { byte* big = stackalloc byte[1024]; return big[n]; }
            }
            """);
        var analysis = snippet.Analysis();

        var chain = analysis.WorstCaseStack(snippet.Method("C.Entry"), recursionDepth: 10);

        Assert.Equal(["C.Entry", "C.Middle", "C.Deep"], chain.Chain.Select(f => f.Method.Name()));
        Assert.False(chain.Recursive);
        long expected = analysis.Frame(snippet.Method("C.Entry")).Bytes + analysis.Frame(snippet.Method("C.Middle")).Bytes
            + analysis.Frame(snippet.Method("C.Deep")).Bytes;
        Assert.Equal(expected, chain.TotalBytes);
        Assert.Equal(chain.TotalBytes, chain.Chain.Sum(f => f.FrameBytes));
    }

    [Fact]
    public void Recursion_depth_multiplies_the_cycle()
    {
        var snippet = StackSnippet.Compile("""
            unsafe class C
            {
                public int Entry(int n) => Ping(n);
                int Ping(int n) { byte* scratch = stackalloc byte[128]; return n == 0 ? Leaf() : Pong(n - 1) + scratch[0]; }
                int Pong(int n) => Ping(n);
                int Leaf() => 0;
            }
            """);
        var analysis = snippet.Analysis();
        long Frame(string name) => analysis.Frame(snippet.Method(name)).Bytes;

        var chain = analysis.WorstCaseStack(snippet.Method("C.Entry"), recursionDepth: 100);

        Assert.True(chain.Recursive);
        Assert.Equal(["C.Entry", "C.Ping", "C.Pong", "C.Leaf"], chain.Chain.Select(f => f.Method.Name()));
        Assert.Equal(100 * Frame("C.Ping"), chain.Chain[1].FrameBytes);
        Assert.Equal(Frame("C.Entry") + 100 * (Frame("C.Ping") + Frame("C.Pong")) + Frame("C.Leaf"), chain.TotalBytes);
        Assert.True(analysis.WorstCaseStack(snippet.Method("C.Entry"), recursionDepth: 1).TotalBytes < chain.TotalBytes);
    }

    [Fact]
    public void External_calls_are_leaves_with_a_fixed_cost()
    {
        var snippet = StackSnippet.Compile("""
            class C { public void M() => System.Console.WriteLine(1); }
            """);

        var chain = snippet.Analysis().WorstCaseStack(snippet.Method("C.M"), recursionDepth: 1);

        Assert.Equal(2, chain.Chain.Length);
        Assert.True(snippet.Graph.IsExternal(chain.Chain[1].Method));
        Assert.Equal(CallGraph.ExternalFrameBytes, chain.Chain[1].FrameBytes);
    }

    [Fact]
    public void Thread_starts_with_and_without_a_stack_size()
    {
        var snippet = StackSnippet.Compile("""
            using System;
            using System.Threading;
            class Workers
            {
                public void Start(int size)
                {
                    new Thread(() => Work()).Start();
                    new Thread(Work, 256 * 1024).Start();
                    new Thread(new ThreadStart(Work), 0).Start();
                    new Thread(Work, size).Start();
                    new Thread(state => Work(), 64 * 1024).Start(null);
                }
                static void Work() { }
            }
            """);
        var graph = snippet.Graph;

        var starts = graph.ThreadStarts;
        Assert.Equal(5, starts.Length);
        Assert.All(starts, s => Assert.Equal("Workers.Start", s.Creator.Name()));
        Assert.Equal([0, 256 * 1024, 0, null, 64 * 1024], starts.Select(s => s.MaxStackSize));
        Assert.Equal(["lambda", "Workers.Work", "Workers.Work", "Workers.Work", "lambda"], starts.Select(s => s.Start!.Name()));
        // The start delegates run on the new threads' stacks, not on the creator's.
        Assert.Equal(["Thread..ctor", "Thread..ctor", "Thread..ctor", "Thread.Start", "Thread.Start"],
            graph.Callees(snippet.Method("Workers.Start")).Names());
        Assert.Equal(["Workers.Work"], graph.Callees(starts[0].Start!).Names());
    }

    [Fact]
    public void Work_handed_to_the_thread_pool_runs_on_another_stack()
    {
        var snippet = StackSnippet.Compile("""
            using System.Threading;
            using System.Threading.Tasks;
            class Jobs
            {
                public void Start()
                {
                    Task.Run(() => Work());
                    Task.Factory.StartNew(Work);
                    ThreadPool.QueueUserWorkItem(_ => Work());
                    Inline(() => Work());
                }
                static void Work() { }
                static void Inline(System.Action action) => action();
            }
            """);
        var graph = snippet.Graph;

        var starts = graph.ThreadStarts;
        Assert.Equal(3, starts.Length);
        Assert.All(starts, s => Assert.Equal((ThreadStartKind.ThreadPool, 0), (s.Kind, s.MaxStackSize)));
        Assert.Equal(["Jobs.Work", "lambda", "lambda"], starts.Select(s => s.Start!).Names());
        // Only the lambda given to Inline stays on the creator's stack.
        Assert.Equal(new[] { "Jobs.Inline", "Task.Run", "TaskFactory.StartNew", "Task.get_Factory", "ThreadPool.QueueUserWorkItem", "lambda" }
            .Order(StringComparer.Ordinal), graph.Callees(snippet.Method("Jobs.Start")).Names());
    }

    [Fact]
    public void Each_call_is_a_site_of_its_own_with_every_body_it_may_run()
    {
        var snippet = StackSnippet.Compile("""
            abstract class Shape { public abstract int Area(); }
            class Square : Shape { public override int Area() => 4; }
            class Circle : Shape { public override int Area() => 3; }
            class Report
            {
                public int Twice(Shape shape) => Helper() + Helper() + shape.Area();
                static int Helper() => 1;
            }
            """);
        var sites = snippet.Graph.CallSites(snippet.Method("Report.Twice"));

        Assert.Equal(3, sites.Length);
        Assert.Equal(["Report.Helper"], sites[0].Targets.Names());
        Assert.Equal(["Report.Helper"], sites[1].Targets.Names());
        Assert.NotEqual(sites[0].Location, sites[1].Location);
        Assert.Equal(["Circle.Area", "Square.Area"], sites[2].Targets.Names());
    }

    [Fact]
    public void A_long_cycle_is_handled_without_deep_recursion()
    {
        const int Count = 3000;
        var source = new StringBuilder("class C\n{\n");
        for (int i = 0; i < Count; i++) source.Append($"    public static int M{i}(int n) => n == 0 ? 0 : M{(i + 1) % Count}(n - 1);\n");
        source.Append('}');
        var snippet = StackSnippet.Compile(source.ToString());
        var graph = snippet.Graph;

        Assert.Equal(Count, graph.CycleOf(snippet.Method("C.M1234")).Length);
        var chain = graph.WorstCaseStack(snippet.Method("C.M0"), _ => 10, recursionDepth: 2);
        Assert.Equal(Count * 10 * 2, chain.TotalBytes);
        Assert.Equal("M0", chain.Chain[0].Method.Name);
        Assert.Equal("M1", chain.Chain[1].Method.Name);
    }
}
