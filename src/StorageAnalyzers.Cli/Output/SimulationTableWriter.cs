using System.Globalization;
using Spectre.Console;
using StorageAnalyzers.Core;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli.Output;

/// <summary>
/// <c>simulate --format table</c>: the segment sizes in one line as <c>size</c> prints them, then one row per thread
/// (limit, worst case, share of the limit), each thread's worst call chain frame by frame, the heap per entry point and
/// the largest statics and allocation sites.
/// </summary>
internal static class SimulationTableWriter
{
    private const int LargestShown = 5;
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static readonly Style Grey = new(Color.Grey);
    private static readonly Style Overflow = new(Color.Red, decoration: Decoration.Bold);

    public static void Write(SimulationReport report, TextWriter output, bool colours)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Rows and chains are as wide as their names: never wrapped here (Spectre would wrap at 80 columns off a terminal).
        console.Profile.Width = int.MaxValue;
        var simulation = report.Simulation;

        Line(console, $"{report.Subject} ({report.Bitness})", Bold);
        Line(console, "");
        Columns(console, null, ["text", "data", "bss", "heap", "stack"],
            [[Number(simulation.Text.Bytes), Number(simulation.Statics.DataBytes), Number(simulation.Statics.BssBytes), Number(simulation.HeapBytes), Number(simulation.StackBytes)]]);
        foreach (var note in Notes(report)) Line(console, note, Grey);

        Columns(console, "Threads", ["entry", "thread", "limit", "worst case", "of limit", ""],
            simulation.Threads.Select(t => new[]
            {
                t.Instances == 1 ? t.EntryName : $"{t.EntryName} x{t.Instances}", Kind(t), Number(t.LimitBytes),
                Number(t.WorstCase.TotalBytes), Share(t), t.Fits ? "" : "OVERFLOWS",
            }).ToList());
        foreach (var thread in simulation.Threads) WriteChain(console, thread);

        var heapRows = simulation.Entries.Select(e => new[] { e.EntryName, Number(e.Heap.Bytes), HeapNotes(e.Heap) }).ToList();
        heapRows.Add(["static initialisation (once)", Number(simulation.StaticInitialisation.Bytes), HeapNotes(simulation.StaticInitialisation)]);
        Columns(console, "Heap allocated per call of each entry point", ["entry", "bytes", ""], heapRows);

        var statics = report.LargestStatics(LargestShown);
        if (statics.Count > 0)
            Columns(console, "Largest statics", ["static", "segment", "bytes"], statics.Select(s => new[] { s.Name, Segment(s.Storage), Number(s.Bytes) }).ToList());
        var sites = report.LargestAllocations(LargestShown);
        if (sites.Count > 0)
        {
            Columns(console, "Largest allocation sites", ["site", "allocates", "times", "bytes"],
                sites.Select(c => new[] { report.Where(c.Site.Location), $"{c.Site.Kind.ToJsonValue()} {c.Site.TypeName}", Number(c.Count), Number(c.Bytes) }).ToList());
        }
    }

    private static IEnumerable<string> Notes(SimulationReport report)
    {
        var simulation = report.Simulation;
        yield return simulation.Text.Estimated
            ? "bytes; text estimated from the source length (the code does not compile)"
            : $"bytes; text = IL {Number(simulation.Text.IlBytes)} + metadata {Number(simulation.Text.MetadataBytes)} of the emitted image";
        yield return $"thread-local statics: {Number(simulation.Statics.ThreadLocalBytes)} bytes per thread";
        yield return "heap = bytes allocated over the run (not live: the GC reclaims); stack = every thread's worst case added up";
        var space = simulation.AddressSpace;
        var reserved = ByteSize.Describe((long)Math.Min(space.ReservedBytes, long.MaxValue));
        yield return space.Fits
            ? $"everything reserved ({reserved}, stacks at their limits) fits the {ByteSize.Describe((long)space.UserSpaceBytes)} {report.Bitness} address space"
            : $"the reservations ({reserved}, stacks at their limits) do not fit the {ByteSize.Describe((long)space.UserSpaceBytes)} {report.Bitness} address space";
    }

    private static void WriteChain(IAnsiConsole console, ThreadStack thread)
    {
        Line(console, "");
        var status = thread.Fits ? "" : " - does not fit";
        Line(console, $"Worst chain of {thread.EntryName} ({Kind(thread)}, {Number(thread.WorstCase.TotalBytes)} of {Number(thread.LimitBytes)} bytes{status})",
            thread.Fits ? Bold : Overflow);
        var cycle = new HashSet<Microsoft.CodeAnalysis.IMethodSymbol>(thread.Cycle, Microsoft.CodeAnalysis.SymbolEqualityComparer.Default);
        var rows = thread.WorstCase.Chain.Select(link => new[]
        {
            Number(link.FrameBytes), MethodNames.Of(link.Method) + (cycle.Contains(link.Method) ? $"  (recursive, x{thread.WorstCase.RecursionDepth})" : ""),
        }).ToList();
        Columns(console, null, ["bytes", "frame"], rows, rightAligned: 0);
        if (thread.Recursive)
        {
            var ring = string.Join(" -> ", thread.Cycle.Append(thread.Cycle[0]).Select(MethodNames.Of));
            Line(console, $"recursion: {ring}; unbounded as far as the code shows, counted {thread.WorstCase.RecursionDepth} rounds (--recursion-depth)", Grey);
        }
    }

    private static string HeapNotes(HeapEstimate heap)
    {
        var notes = new List<string>();
        if (heap.UnknownSizeSites > 0) notes.Add($"{heap.UnknownSizeSites} site{(heap.UnknownSizeSites == 1 ? "" : "s")} of run-time size not counted");
        if (heap.ExternalCallSites > 0) notes.Add($"{heap.ExternalCallSites} call{(heap.ExternalCallSites == 1 ? "" : "s")} into libraries not seen");
        return string.Join("; ", notes);
    }

    private static string Kind(ThreadStack thread) => thread.Kind switch
    {
        ThreadKind.Main => "main thread",
        ThreadKind.ThreadPool => "thread pool",
        _ => thread.LimitSource == StackLimitSource.MaxStackSize ? "thread, maxStackSize" : "thread, default size",
    };

    private static string Segment(StorageClass storage) => storage switch
    {
        StorageClass.StaticData => "data",
        StorageClass.StaticBss => "bss",
        _ => "thread-local",
    };

    private static string Share(ThreadStack thread) =>
        ((double)thread.WorstCase.TotalBytes / thread.LimitBytes).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A titled block of aligned columns; numbers right-aligned, the last column left as it is.</summary>
    private static void Columns(IAnsiConsole console, string? title, string[] headers, IReadOnlyList<string[]> rows, int? rightAligned = null)
    {
        if (title is not null)
        {
            Line(console, "");
            Line(console, title, Bold);
        }
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        bool Right(int column, string header) => rightAligned == column || header is "text" or "data" or "bss" or "heap" or "stack"
            or "limit" or "worst case" or "of limit" or "bytes" or "times";
        string Format(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((cell, i) =>
            i == cells.Count - 1 && !Right(i, headers[i]) ? cell : Right(i, headers[i]) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
        Line(console, Format(headers), Grey);
        foreach (var row in rows) Line(console, Format(row));
    }

    private static void Line(IAnsiConsole console, string text, Style? style = null) => console.Write(new Text(text + "\n", style ?? Style.Plain));
}
