using StorageAnalyzers.Cli;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Simulator.Tests.GroundTruth;

/// <summary>An entry point of a sample under samples/, by the names the simulator and reflection use.</summary>
/// <param name="MeasureStack">Whether its stack is worth bisecting (the entries that only call one small function are not).</param>
/// <param name="BlocksByTiming">Why the measured stack varies from run to run: the entry blocks, and a wait that finds its
/// condition already met stays shallow; the estimate is held to cover every measurement, and the cost of a wait that
/// really blocks is checked on its own (<see cref="SampleStackTests"/>).</param>
internal sealed record SampleEntry(string Sample, string Type, string Method, int RecursionDepth = SimulationDefaults.RecursionDepth,
    bool MeasureStack = true, string? BlocksByTiming = null)
{
    /// <summary>What <c>simulate --entry</c> takes.</summary>
    public string EntryText => Type == "Program" ? "Program.<Main>$" : $"{Type}.{Method}";

    public string Folder => Path.Combine(Samples.RepositoryRoot, "samples", Sample);

    /// <summary>The build the test project's references made before the tests ran, in the tests' own configuration.</summary>
    public string AssemblyPath => Path.Combine(Folder, "bin", BuildConfiguration, "net10.0", Sample + ".dll");

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    /// <summary>The full type name in the built assembly (top-level statements live in the global <c>Program</c>).</summary>
    public string TypeName => Type == "Program" ? "Program" : $"{Sample}.{Type}";

    /// <summary>The simulation of this entry through the CLI's loading, as <c>simulate samples/X --entry ...</c> runs it.</summary>
    public Simulation Simulate()
    {
        var request = new SimulationRequest(Folder, EntryText, SimulationDefaults.MainThreadStackBytes, 8, SimulationDefaults.LoopIterations, RecursionDepth);
        return SimulationRunner.Run(request, _ => { }, TextWriter.Null).Simulation;
    }

    public override string ToString() => $"{Sample} {EntryText}";
}

internal static class Samples
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Each sample's workload entries and its Main; the parser's nested formula is 200 parentheses deep.</summary>
    public static readonly SampleEntry[] Entries =
    [
        new("ExpressionParser", "Workload", "EvaluateNested", RecursionDepth: 200),
        new("ExpressionParser", "Workload", "EvaluateFlat", MeasureStack: false),
        new("ExpressionParser", "Program", "<Main>$", RecursionDepth: 200),
        new("WorkerThreads", "Workers", "Work"),
        new("WorkerThreads", "Workers", "Combine", MeasureStack: false),
        new("WorkerThreads", "Program", "<Main>$",
            BlocksByTiming: "Thread.Start, Thread.Join and Task.Result go up to 8 KB deep into the runtime when they have to wait, and not at all when the thread has already started or finished"),
        new("TextPipeline", "Pipeline", "Run"),
        new("TextPipeline", "Program", "<Main>$"),
    ];

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "samples", "TextPipeline"))) return folder.FullName;
        }
        throw new InvalidOperationException("samples/TextPipeline not found above " + AppContext.BaseDirectory);
    }
}
