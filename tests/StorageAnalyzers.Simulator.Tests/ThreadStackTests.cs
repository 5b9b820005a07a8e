using Microsoft.CodeAnalysis;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator.Tests;

/// <summary>Threads, their limits and their worst call chains: the stack side of the simulation.</summary>
public class ThreadStackTests
{
    private const string Workers = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Program
        {
            static void Main()
            {
                new Thread(Sized, 64 * 1024).Start();
                new Thread(Defaulted).Start();
                Task.Run(() => Pooled());
                ThreadPool.QueueUserWorkItem(_ => Pooled());
                for (int i = 0; i < 4; i++) new Thread(Sized, 64 * 1024).Start();
                Shallow();
                Deep();
            }

            static unsafe void Shallow() { byte* b = stackalloc byte[1000]; b[0] = 1; }
            static void Deep() => Deeper();
            static unsafe void Deeper() { byte* b = stackalloc byte[12000]; b[0] = 1; }
            static unsafe void Sized() { byte* b = stackalloc byte[8000]; b[0] = 1; }
            static void Defaulted() { }
            static unsafe void Pooled() { byte* b = stackalloc byte[20000]; b[0] = 1; }
        }
        """;

    [Fact]
    public void The_main_thread_takes_the_deepest_chain_and_adds_its_frames()
    {
        var snippet = Snippet.Compile(Workers);
        var main = snippet.Simulate().Thread("Program.Main");
        var stack = StackAnalysis.For(StorageModel.For(snippet.Compilation));

        Assert.Equal(ThreadKind.Main, main.Kind);
        Assert.Equal(SimulationDefaults.MainThreadStackBytes, main.LimitBytes);
        Assert.Equal(["Program.Main", "Program.Deep", "Program.Deeper"], main.ChainNames());
        Assert.Equal(main.WorstCase.Chain.Sum(link => stack.Frame(link.Method).Bytes), main.WorstCase.TotalBytes);
        Assert.Equal(12048, stack.Frame(snippet.Function("Program.Deeper")).Bytes); // 32 overhead + the pointer 8 + 12000, rounded to 16
        // Work handed to other threads is not on the main thread's stack: Pooled's 20000-byte buffer would be deepest.
        Assert.DoesNotContain("Program.Pooled", main.ChainNames());
        Assert.False(main.Recursive);
    }

    [Fact]
    public void A_call_that_blocks_costs_the_runtime_wait_below_it_and_other_library_calls_a_fixed_frame()
    {
        var snippet = Snippet.Compile("""
            using System.Threading;
            using System.Threading.Tasks;

            static class Program
            {
                static int Main()
                {
                    var worker = new Thread(() => { });
                    worker.Start();
                    worker.Join();
                    return Task.Run(() => 1).Result + System.Math.Abs(-1);
                }
            }
            """);
        var main = snippet.Simulate().Thread("Program.Main");
        var stack = StackAnalysis.For(StorageModel.For(snippet.Compilation));

        var external = snippet.Compilation.GetTypeByMetadataName("System.Threading.Thread")!.GetMembers("Join").OfType<IMethodSymbol>().First();
        var abs = snippet.Compilation.GetTypeByMetadataName("System.Math")!.GetMembers("Abs").OfType<IMethodSymbol>().First();
        Assert.Equal(LibraryCalls.BlockingWaitBytes, stack.Frame(external).Bytes);
        Assert.Equal(CallGraph.ExternalFrameBytes, stack.Frame(abs).Bytes);
        // Main's frame and one wait below it: the waits do not nest.
        Assert.Equal(2, main.WorstCase.Chain.Length);
        Assert.Equal(stack.Frame(snippet.Function("Program.Main")).Bytes + LibraryCalls.BlockingWaitBytes, main.WorstCase.TotalBytes);
    }

    [Fact]
    public void Each_started_thread_gets_its_max_stack_size_or_the_default()
    {
        var simulation = Snippet.Compile(Workers).Simulate();

        var sized = simulation.Threads.Where(t => t.EntryName == "Program.Sized").ToList();
        Assert.Equal(2, sized.Count);
        Assert.All(sized, t => Assert.Equal((64 * 1024, StackLimitSource.MaxStackSize), (t.LimitBytes, t.LimitSource)));
        Assert.Equal([1, 4], sized.Select(t => t.Instances).Order());

        var defaulted = simulation.Thread("Program.Defaulted");
        Assert.Equal((ThreadKind.Thread, SimulationDefaults.SecondaryThreadStackBytes, StackLimitSource.Default),
            (defaulted.Kind, defaulted.LimitBytes, defaulted.LimitSource));

        var pooled = simulation.Threads.Where(t => t.Kind == ThreadKind.ThreadPool).ToList();
        Assert.Equal(2, pooled.Count);
        Assert.All(pooled, t => Assert.Equal(SimulationDefaults.SecondaryThreadStackBytes, t.LimitBytes));
        Assert.All(pooled, t => Assert.Equal("Program.Pooled", t.ChainNames().Last()));
        Assert.All(simulation.Threads, t => Assert.True(t.Fits));

        // The stack segment: every thread's worst case, a start site in a loop once per thread it starts.
        Assert.Equal(simulation.Threads.Sum(t => t.WorstCase.TotalBytes * t.Instances), simulation.StackBytes);
    }

    [Fact]
    public void A_thread_whose_chain_needs_more_than_its_max_stack_size_does_not_fit()
    {
        var simulation = Snippet.Compile("""
            using System.Threading;
            static class Program
            {
                static void Main() => new Thread(Parse, 16 * 1024).Start();
                static unsafe void Parse() { byte* scratch = stackalloc byte[32 * 1024]; scratch[0] = 1; }
            }
            """).Simulate();

        var parse = simulation.Thread("Program.Parse");
        Assert.Equal(16 * 1024, parse.LimitBytes);
        Assert.True(parse.WorstCase.TotalBytes > 32 * 1024);
        Assert.False(parse.Fits);
        Assert.True(simulation.Thread("Program.Main").Fits);
    }

    [Fact]
    public void Recursion_is_reported_with_its_cycle_and_counted_at_the_assumed_depth()
    {
        var snippet = Snippet.Compile("""
            static class Program
            {
                static void Main() => Expression(5);
                static int Expression(int depth) => depth == 0 ? 0 : Term(depth);
                static unsafe int Term(int depth) { byte* scratch = stackalloc byte[496]; return scratch[0] + Expression(depth - 1); }
            }
            """);
        var stack = StackAnalysis.For(StorageModel.For(snippet.Compilation));
        long round = stack.Frame(snippet.Function("Program.Expression")).Bytes + stack.Frame(snippet.Function("Program.Term")).Bytes;

        var ten = snippet.Simulate(recursion: 10).Thread("Program.Main");
        var fifty = snippet.Simulate(recursion: 50).Thread("Program.Main");

        Assert.True(ten.Recursive);
        Assert.Equal(["Program.Expression", "Program.Term"], ten.Cycle.Select(MethodNames.Of));
        Assert.Equal(["Program.Main", "Program.Expression", "Program.Term"], ten.ChainNames());
        long main = stack.Frame(snippet.Function("Program.Main")).Bytes;
        Assert.Equal(main + 10 * round, ten.WorstCase.TotalBytes);
        Assert.Equal(main + 50 * round, fifty.WorstCase.TotalBytes);
        Assert.Equal(10 * stack.Frame(snippet.Function("Program.Term")).Bytes, ten.WorstCase.Chain[2].FrameBytes);
    }

    [Fact]
    public void A_32_bit_process_has_smaller_frames_and_a_4_GB_address_space_that_many_threads_overflow()
    {
        const string source = """
            using System.Threading;
            static class Program
            {
                static void Main()
                {
                    for (int i = 0; i < 3000; i++) new Thread(Work).Start();
                }
                static void Work() { object a = null, b = null, c = null; Use(a, b, c); }
                static void Use(object a, object b, object c) { }
            }
            """;
        var snippet = Snippet.Compile(source);
        var wide = snippet.Simulate(pointerSize: 8);
        var narrow = snippet.Simulate(pointerSize: 4);

        Assert.True(narrow.Thread("Program.Work").WorstCase.TotalBytes < wide.Thread("Program.Work").WorstCase.TotalBytes);
        Assert.Equal(1UL << 32, narrow.AddressSpace.UserSpaceBytes);
        Assert.Equal(1UL << 47, wide.AddressSpace.UserSpaceBytes);
        Assert.Equal(3000, narrow.Thread("Program.Work").Instances);
        // 3000 stacks of 1.5 MB reserve about 4.4 GB: more than a 32-bit process can address.
        Assert.False(narrow.AddressSpace.Fits);
        Assert.True(wide.AddressSpace.Fits);
    }

    [Fact]
    public void A_chosen_entry_runs_on_the_main_thread_with_the_given_limit_and_brings_its_threads()
    {
        var simulation = Snippet.Compile("""
            using System.Threading;
            public static class Service
            {
                public static void Start() => new Thread(Loop, 256 * 1024).Start();
                public static void Unrelated() => new Thread(Other).Start();
                static void Loop() { }
                static void Other() { }
            }
            """, program: false).Simulate(mainStack: 512 * 1024, entry: "Service.Start");

        Assert.Equal(["Service.Start", "Service.Loop"], simulation.Threads.Select(t => t.EntryName));
        Assert.Equal(512 * 1024, simulation.Thread("Service.Start").LimitBytes);
    }

    [Fact]
    public void A_library_without_entries_lists_every_thread_it_starts()
    {
        var simulation = Snippet.Compile("""
            using System.Threading;
            using System.Threading.Tasks;
            public static class Service
            {
                public static void Start() => new Thread(Loop, 256 * 1024).Start();
                public static Task Later() => Task.Run(Other);
                static void Loop() { }
                static void Other() { }
            }
            """, program: false).Simulate();

        Assert.Equal(["Service.Loop", "Service.Other"], simulation.Threads.Select(t => t.EntryName));
        Assert.DoesNotContain(simulation.Threads, t => t.Kind == ThreadKind.Main);
    }

    [Fact]
    public void Lambdas_and_local_functions_are_named_after_their_method_and_line()
    {
        var simulation = Snippet.Compile("""
            using System.Threading;
            static class Program
            {
                static void Main()
                {
                    new Thread(() =>
                        Local()).Start();
                    static void Local() { }
                }
            }
            """).Simulate();

        Assert.Equal(["Program.Main.lambda@6", "Program.Main.Local"], simulation.Thread("Program.Main.lambda@6").ChainNames());
    }
}
