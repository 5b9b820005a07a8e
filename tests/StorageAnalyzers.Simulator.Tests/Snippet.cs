using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Simulator.Tests;

/// <summary>A snippet compiled (Release, unsafe allowed) against the shared framework, and simulated.</summary>
internal sealed class Snippet
{
    // Only the shared framework: the test host's TPA list also holds xunit, Roslyn, etc.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == frameworkDir)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private Snippet(CSharpCompilation compilation) => Compilation = compilation;

    public CSharpCompilation Compilation { get; }

    /// <summary>Compiles a program (with <c>Main</c> or top-level statements) or a library, failing on any compile error.</summary>
    public static Snippet Compile(string source, bool program = true)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: "Snippet.cs");
        var compilation = CSharpCompilation.Create("Snippet", [tree], FrameworkReferences.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return new Snippet(compilation);
    }

    public Simulation Simulate(int pointerSize = 8, long mainStack = SimulationDefaults.MainThreadStackBytes, int loops = 10, int recursion = 10,
        string? entry = null) =>
        MemorySimulator.Run(Compilation, new SimulationOptions(pointerSize, mainStack, loops, recursion,
            entry is null ? default : [Function(entry)], TextSize.Measure(Compilation)));

    /// <summary>A source function by its simulator name, e.g. <c>Worker.Run</c>.</summary>
    public IMethodSymbol Function(string name)
    {
        var graph = Core.CallGraph.For(Compilation);
        return Assert.Single(MethodNames.Matching(graph.Methods.Where(m => !graph.IsExternal(m)), name));
    }
}

internal static class SimulationExtensions
{
    public static ThreadStack Thread(this Simulation simulation, string entry) => Assert.Single(simulation.Threads, t => t.EntryName == entry);

    public static long Heap(this Simulation simulation, string entry) => Assert.Single(simulation.Entries, e => e.EntryName == entry).Heap.Bytes;

    public static string[] ChainNames(this ThreadStack thread) => thread.WorstCase.Chain.Select(link => MethodNames.Of(link.Method)).ToArray();
}
