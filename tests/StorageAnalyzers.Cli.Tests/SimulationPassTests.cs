using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Cli.Output;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>
/// <c>simulate</c> gathers the storage model and the call graph from the binding that gives the compiler's errors
/// (<see cref="SharedBinding"/>), on the driver's copy of the compilation: the simulation must be the one the simulator
/// makes on the input compilation itself, entries given by name included.
/// </summary>
public class SimulationPassTests
{
    [Theory]
    [InlineData("samples/WorkerThreads", null)]
    [InlineData("samples/MemoryTour", null)]
    [InlineData("samples/ExpressionParser", "Parser.ParseExpression")]
    [InlineData("samples/StackBuffers", null)]
    public void The_simulation_is_the_one_made_on_the_input_compilation(string relativePath, string? entry)
    {
        var path = Path.Combine(Cli.RepositoryRoot(), relativePath);
        var request = new SimulationRequest(path, entry, SimulationDefaults.MainThreadStackBytes, PointerSize: 8, SimulationDefaults.LoopIterations, SimulationDefaults.RecursionDepth);

        var shared = SimulationRunner.Run(request, _ => { }, TextWriter.Null);

        var input = InputLoader.Load(path, OptimizationLevel.Release);
        var compilation = input.Compilations.Single().Compilation;
        var entries = entry is null ? ImmutableArray<IMethodSymbol>.Empty
            : [.. CallGraph(compilation).Where(m => MethodNames.Of(m).EndsWith(entry, StringComparison.Ordinal))];
        var options = new SimulationOptions(8, SimulationDefaults.MainThreadStackBytes, SimulationDefaults.LoopIterations, SimulationDefaults.RecursionDepth,
            entries, TextSize.Measure(compilation));
        var alone = new SimulationReport(MemorySimulator.Run(compilation, options), path, input);

        Assert.Equal(Json(alone), Json(shared));
        Assert.Contains("\"chain\"", Json(shared), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_whose_name_an_overload_shares_is_simulated_alone()
    {
        using var folder = new TempFolder();
        folder.Write("Program.cs", """
            class Program
            {
                static void Main() { }
                static int Work(int n) { System.Span<byte> small = stackalloc byte[16]; return small[0] + n; }
                static int Work(string s) { System.Span<byte> large = stackalloc byte[4096]; return large[0] + s.Length; }
            }
            """);
        var request = new SimulationRequest(folder.Path, "Program.Work", SimulationDefaults.MainThreadStackBytes, PointerSize: 8,
            SimulationDefaults.LoopIterations, SimulationDefaults.RecursionDepth);

        var shared = SimulationRunner.Run(request, _ => { }, TextWriter.Null);

        // The CLI picks the first function of that name, as before the shared binding.
        var input = InputLoader.Load(folder.Path, OptimizationLevel.Release);
        var compilation = input.Compilations.Single().Compilation;
        var first = MethodNames.Matching(CallGraph(compilation).Where(m => !Core.CallGraph.For(compilation).IsExternal(m)), "Program.Work")[0];
        var options = new SimulationOptions(8, SimulationDefaults.MainThreadStackBytes, SimulationDefaults.LoopIterations,
            SimulationDefaults.RecursionDepth, [first], TextSize.Measure(compilation));
        var alone = new SimulationReport(MemorySimulator.Run(compilation, options), folder.Path, input);

        Assert.Single(shared.Simulation.Threads);
        Assert.Equal(Json(alone), Json(shared));
    }

    private static IEnumerable<IMethodSymbol> CallGraph(Compilation compilation) =>
        Core.CallGraph.For(compilation).Methods;

    private static string Json(SimulationReport report)
    {
        using var writer = new StringWriter();
        SimulationJsonWriter.Write(report, writer);
        return writer.ToString();
    }
}
