using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Cli.Output;
using StorageAnalyzers.Core;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli;

/// <summary>Loads the input, picks the program to simulate and its entry point, and runs the simulator.</summary>
internal static class SimulationRunner
{
    public static SimulationReport Run(SimulationRequest request, Action<string> status, TextWriter stderr)
    {
        status($"Loading {request.Path}");
        var input = InputLoader.Load(request.Path, OptimizationLevel.Release);

        status("Building the call graph");
        var (chosen, entries) = Choose(input, request);
        var compilation = SharedBinding.WithoutNullableAnalysis(chosen);

        status("Emitting the image");
        var text = TextSize.Measure(compilation);

        status("Simulating");
        // The storage model and the call graph come from the one binding that also gives the compiler's errors.
        var gathered = new ModelGatherer(request.PointerSize);
        var diagnostics = SharedBinding.Run(compilation, [gathered], analyzerOptions: null);
        var bound = gathered.Compilation ?? compilation; // no tree, nothing gathered
        if (text is null)
        {
            int errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            stderr.WriteLine($"warning: {errors} compile error{(errors == 1 ? "" : "s")}: the text segment is estimated from the source, and storage is simulated for the code that binds");
        }

        var options = new SimulationOptions(request.PointerSize, request.StackLimit, request.LoopIterations, request.RecursionDepth,
            InBound(entries, bound, request), text);
        var simulation = MemorySimulator.Run(bound, options);
        return new SimulationReport(simulation, request.Path, input);
    }

    /// <summary>
    /// The entries as symbols of the compilation the model was gathered on (the driver's, which shares the input's
    /// trees): an <c>--entry</c> by its declaration (a name could also fit an overload), the default entry point anew.
    /// </summary>
    private static ImmutableArray<IMethodSymbol> InBound(ImmutableArray<IMethodSymbol> entries, Compilation bound, SimulationRequest request)
    {
        if (request.Entry is null) return ImmutableArray<IMethodSymbol>.Empty; // the simulator takes the entry point
        var declarations = entries.Select(Declaration).ToHashSet();
        return [.. SourceFunctions(bound).Where(method => declarations.Contains(Declaration(method)))];
    }

    private static (SyntaxTree? Tree, TextSpan Span) Declaration(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences is [var first, ..] ? (first.SyntaxTree, first.Span) : (null, default);

    /// <summary>Classifies every tree and records its calls and frames with the driver's semantic models.</summary>
    private sealed class ModelGatherer(int pointerSize) : SharedBinding.ModelAnalyzer
    {
        private Compilation? _compilation;

        /// <summary>The compilation the model belongs to (the driver's); null when it has no tree.</summary>
        public Compilation? Compilation => Volatile.Read(ref _compilation);

        protected override void Gather(SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _compilation, semanticModel.Compilation);
            var model = StorageModel.For(semanticModel.Compilation, pointerSize);
            model.Classify(semanticModel, cancellationToken); // kept by the model: the heap, statics and frames read it
            StackAnalysis.For(model).Collect(semanticModel, cancellationToken);
        }
    }

    /// <summary>
    /// The compilation to simulate: the one holding <c>--entry</c>, else the one program of the input (a solution with
    /// several must be narrowed to a project or an entry), else the one library.
    /// </summary>
    private static (Compilation Compilation, ImmutableArray<IMethodSymbol> Entries) Choose(LoadedInput input, SimulationRequest request)
    {
        var units = input.Compilations.Select(unit => unit.Compilation).ToList();
        if (request.Entry is { } entryText)
        {
            var matches = units
                .SelectMany(c => MethodNames.Matching(SourceFunctions(c), entryText).Select(m => (Compilation: c, Method: m)))
                .DistinctBy(m => MethodNames.Of(m.Method))
                .ToList();
            if (matches.Count == 0) throw new InputException($"--entry {entryText}: no method of that name in {request.Path}.");
            if (matches.Count > 1)
                throw new InputException($"--entry {entryText}: matches {string.Join(", ", matches.Select(m => MethodNames.Of(m.Method)))}; give more of the name.");
            return (matches[0].Compilation, ImmutableArray.Create(matches[0].Method));
        }

        var programs = units.Where(c => c.GetEntryPoint(CancellationToken.None) is not null).ToList();
        if (programs.Count > 1)
            throw new InputException($"{request.Path}: {programs.Count} programs ({string.Join(", ", programs.Select(c => c.AssemblyName))}); pass one project or --entry.");
        if (programs.Count == 1) return (programs[0], MemorySimulator.DefaultEntries(programs[0]));
        if (units.Count > 1)
            throw new InputException($"{request.Path}: {units.Count} projects and no program among them; pass one project or --entry.");
        return (units[0], ImmutableArray<IMethodSymbol>.Empty);
    }

    private static IEnumerable<IMethodSymbol> SourceFunctions(Compilation compilation)
    {
        var graph = CallGraph.For(compilation);
        return graph.Methods.Where(m => !graph.IsExternal(m));
    }
}
