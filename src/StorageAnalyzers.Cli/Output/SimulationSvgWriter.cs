using System.Globalization;
using System.Text;
using StorageAnalyzers.Core;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli.Output;

/// <summary>
/// <c>simulate --format svg</c>: the classic picture of a process's address space with the simulation's figures. On the
/// left, from the top: kernel space, one stack per thread (filled from the top as far as its worst case reaches),
/// the unmapped gap, the heap, BSS, data and text at the bottom, each with its notional start address. On the right:
/// the worst call chain as a stack of frames (the entry on top, taller boxes for bigger frames), then the largest
/// statics and allocation sites. Boxes are not to scale: the sizes differ by orders of magnitude, so the figures carry
/// the scale. Self-contained: no scripts, fonts or images from elsewhere.
/// </summary>
internal static class SimulationSvgWriter
{
    private const int Width = 1120;
    private const int MapLeft = 130, MapWidth = 340;
    private const int ChainLeft = 540, ChainWidth = 540;
    private const int StacksShown = 5, FramesShown = 14, ListShown = 5;
    private const string Font = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

    private static readonly Dictionary<RegionKind, string> Fills = new()
    {
        [RegionKind.Text] = "#e4d7f5",
        [RegionKind.Data] = "#c9e7c1",
        [RegionKind.Bss] = "#e1f2dc",
        [RegionKind.Heap] = "#fde2bd",
        [RegionKind.Stack] = "#e3ecfb",
    };

    public static string Render(SimulationReport report)
    {
        var svg = new StringBuilder();
        var simulation = report.Simulation;
        int mapBottom = DrawMap(svg, report, top: 96);
        int chainBottom = DrawChain(svg, report, top: 96);
        int listsBottom = DrawLists(svg, report, Math.Max(chainBottom, 96) + 30);
        int height = Math.Max(mapBottom + 40, listsBottom + 20);

        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="{Font}" font-size="13">""").Append('\n');
        head.Append("<title>").Append(Escape($"Address space of {report.Subject}")).Append("</title>\n");
        head.Append("""<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ececec"/><line x1="0" y1="0" x2="0" y2="8" stroke="#c8c8c8" stroke-width="3"/></pattern>""");
        head.Append("""<marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>""").Append('\n');
        head.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="#ffffff"/>""").Append('\n');
        Text(head, 24, 36, $"Address space of {report.Subject} ({report.Bitness})", size: 21, weight: "bold");
        Text(head, 24, 62, $"text {Size(simulation.Text.Bytes)}{(simulation.Text.Estimated ? " (estimated)" : "")} · data {Size(simulation.Statics.DataBytes)} · BSS {Size(simulation.Statics.BssBytes)} · heap {Size(simulation.HeapBytes)} allocated · stack {Size(simulation.StackBytes)} worst case over {Count(simulation.Threads.Sum(t => t.Instances), "thread")}", size: 14, fill: "#333");
        return head.Append(svg).Append("</svg>\n").ToString();
    }

    /// <summary>The address-space column; returns its bottom.</summary>
    private static int DrawMap(StringBuilder svg, SimulationReport report, int top)
    {
        var simulation = report.Simulation;
        var space = simulation.AddressSpace;
        int y = top;
        Text(svg, MapLeft, y - 10, "high addresses", size: 11, fill: "#666");

        Box(svg, MapLeft, y, MapWidth, 46, "url(#hatch)", "#999");
        Text(svg, MapLeft + 12, y + 20, "kernel space", weight: "bold");
        Text(svg, MapLeft + 12, y + 37, "not addressable by the program", size: 11, fill: "#555");
        y += 46;
        Address(svg, y, space.UserSpaceBytes);

        var stacks = space.Regions.Where(r => r.Kind == RegionKind.Stack).ToList();
        for (int i = 0; i < Math.Min(StacksShown, simulation.Threads.Length); i++)
        {
            var thread = simulation.Threads[i];
            DrawStack(svg, thread, y);
            y += 72;
            Address(svg, y, stacks[i].Start);
        }
        if (simulation.Threads.Length > StacksShown)
        {
            var rest = simulation.Threads.Skip(StacksShown).ToList();
            Box(svg, MapLeft, y, MapWidth, 34, Fills[RegionKind.Stack], "#7a9cd6");
            Text(svg, MapLeft + 12, y + 22, $"+ {Count(rest.Sum(t => t.Instances), "more stack")}, worst {Size(rest.Sum(t => t.WorstCase.TotalBytes * t.Instances))} together");
            y += 34;
        }

        Box(svg, MapLeft, y, MapWidth, 78, "#ffffff", "#bbb", dashed: true);
        Arrow(svg, MapLeft + 40, y + 4, y + 30);
        Text(svg, MapLeft + 56, y + 22, "stacks grow down", size: 12, fill: "#444");
        Arrow(svg, MapLeft + 40, y + 74, y + 48);
        Text(svg, MapLeft + 56, y + 64, "heap grows up", size: 12, fill: "#444");
        Text(svg, MapLeft + MapWidth - 12, y + 43, "unmapped", size: 11, fill: "#777", anchor: "end");
        y += 78;

        var heap = space.Regions.First(r => r.Kind == RegionKind.Heap);
        Box(svg, MapLeft, y, MapWidth, 70, Fills[RegionKind.Heap], "#d9a35b");
        Text(svg, MapLeft + 12, y + 22, "heap (shared by all threads)", weight: "bold");
        Text(svg, MapLeft + 12, y + 42, $"{Size(simulation.HeapBytes)} allocated over the run", fill: "#333");
        Text(svg, MapLeft + 12, y + 60, $"static initialisation {Size(simulation.StaticInitialisation.Bytes)}; the GC reclaims garbage", size: 11, fill: "#555");
        y += 70;
        Address(svg, y, heap.Start);

        foreach (var (kind, title, note) in new[]
        {
            (RegionKind.Bss, "BSS", $"{Size(simulation.Statics.BssBytes)} · statics set to zero or null"),
            (RegionKind.Data, "data", $"{Size(simulation.Statics.DataBytes)} · statics with values, RVA blobs"),
            (RegionKind.Text, "text", simulation.Text.Estimated
                ? $"{Size(simulation.Text.Bytes)} · IL + metadata (estimated)"
                : $"{Size(simulation.Text.Bytes)} · IL {Size(simulation.Text.IlBytes)} + metadata {Size(simulation.Text.MetadataBytes)}"),
        })
        {
            var region = space.Regions.First(r => r.Kind == kind);
            Box(svg, MapLeft, y, MapWidth, 46, Fills[kind], "#8a8a8a");
            Text(svg, MapLeft + 12, y + 20, title, weight: "bold");
            Text(svg, MapLeft + 12, y + 37, note, size: 12, fill: "#333");
            y += 46;
            Address(svg, y, region.Start);
        }
        Text(svg, MapLeft, y + 18, "low addresses", size: 11, fill: "#666");
        if (simulation.Statics.ThreadLocalBytes > 0)
            Text(svg, MapLeft, y + 36, $"thread-local statics: {Size(simulation.Statics.ThreadLocalBytes)} per thread", size: 12, fill: "#333");
        var fit = space.Fits ? "fits" : "does NOT fit";
        Text(svg, MapLeft, y + 54, $"Not to scale; addresses are notional. Reserved {Size(space.ReservedBytes)} {fit} the {Size(space.UserSpaceBytes)} user space.",
            size: 11, fill: space.Fits ? "#666" : "#b00020");
        return y + 54;
    }

    /// <summary>One thread's stack: the reservation, filled from the top as far as the worst case reaches.</summary>
    private static void DrawStack(StringBuilder svg, ThreadStack thread, int y)
    {
        double share = (double)thread.WorstCase.TotalBytes / thread.LimitBytes;
        string stroke = thread.Fits ? "#7a9cd6" : "#b00020";
        Box(svg, MapLeft, y, MapWidth, 72, Fills[RegionKind.Stack], stroke, strokeWidth: thread.Fits ? 1 : 2.5);
        int bar = thread.WorstCase.TotalBytes == 0 ? 0 : Math.Max(3, (int)Math.Round(Math.Min(1, share) * 70));
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{MapLeft + MapWidth - 26}" y="{y + 1}" width="25" height="{bar}" fill="{(thread.Fits ? "#4a78c8" : "#b00020")}"/>""").Append('\n');
        var name = thread.Instances == 1 ? thread.EntryName : $"{thread.EntryName} x{thread.Instances}";
        Text(svg, MapLeft + 12, y + 20, "stack: " + Shorten(name, 38), weight: "bold");
        Text(svg, MapLeft + 12, y + 39, KindText(thread), size: 12, fill: "#333");
        var status = thread.Fits ? "" : " - OVERFLOWS";
        Text(svg, MapLeft + 12, y + 58, $"worst {Size(thread.WorstCase.TotalBytes)} of {Size(thread.LimitBytes)} ({share.ToString("0.#%", CultureInfo.InvariantCulture)}){status}",
            size: 12, fill: thread.Fits ? "#333" : "#b00020", weight: thread.Fits ? "normal" : "bold");
    }

    /// <summary>The worst call chain as frames stacked downwards from the entry; returns its bottom.</summary>
    private static int DrawChain(StringBuilder svg, SimulationReport report, int top)
    {
        if (report.MostLoadedThread is not { } thread)
        {
            Text(svg, ChainLeft, top + 4, "No entry point: pass --entry Type.Method to simulate a library.", fill: "#555");
            return top + 10;
        }
        Text(svg, ChainLeft, top + 4, $"Worst call chain: {Shorten(thread.EntryName, 52)}", size: 16, weight: "bold");
        Text(svg, ChainLeft, top + 24, $"{KindText(thread)}; {Size(thread.WorstCase.TotalBytes)} of {Size(thread.LimitBytes)}; growing down from the entry",
            size: 12, fill: "#444");

        var cycle = new HashSet<Microsoft.CodeAnalysis.IMethodSymbol>(thread.Cycle, Microsoft.CodeAnalysis.SymbolEqualityComparer.Default);
        var links = thread.WorstCase.Chain;
        long largest = Math.Max(1, links.Max(l => l.FrameBytes));
        int y = top + 38;
        for (int i = 0; i < links.Length; i++)
        {
            if (links.Length > FramesShown && i == FramesShown - 2)
            {
                int hidden = links.Length - FramesShown + 1;
                long hiddenBytes = links.Skip(i).Take(hidden).Sum(l => l.FrameBytes);
                Box(svg, ChainLeft, y, ChainWidth, 22, "#f4f4f4", "#aaa", dashed: true);
                Text(svg, ChainLeft + 10, y + 16, $"... {Count(hidden, "more frame")}, {Size(hiddenBytes)}", size: 12, fill: "#555");
                y += 22;
                i += hidden - 1;
                continue;
            }
            var (method, bytes) = links[i];
            bool recursive = cycle.Contains(method);
            int height = 22 + (int)Math.Round(40.0 * bytes / largest);
            Box(svg, ChainLeft, y, ChainWidth, height, recursive ? "#f9d3cf" : "#dfe9f7", recursive ? "#c0504d" : "#7a9cd6");
            int baseline = y + height / 2 + 5;
            var label = Shorten(MethodNames.Of(method), 58) + (recursive ? $"  x{thread.WorstCase.RecursionDepth} (recursive)" : "");
            Text(svg, ChainLeft + 10, baseline, label, size: 12);
            Text(svg, ChainLeft + ChainWidth - 10, baseline, $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} B", size: 12, anchor: "end", weight: "bold");
            y += height;
        }
        if (thread.Recursive)
        {
            var ring = string.Join(" -> ", thread.Cycle.Append(thread.Cycle[0]).Select(m => m.Name));
            Text(svg, ChainLeft, y + 18, $"Recursion: {ring}", size: 12, fill: "#c0504d");
            Text(svg, ChainLeft, y + 34, $"unbounded as far as the code shows; drawn at {thread.WorstCase.RecursionDepth} rounds (--recursion-depth)", size: 12, fill: "#c0504d");
            y += 34;
        }
        return y;
    }

    /// <summary>The largest statics and allocation sites; returns the bottom.</summary>
    private static int DrawLists(StringBuilder svg, SimulationReport report, int top)
    {
        int y = top;
        Text(svg, ChainLeft, y, "Largest statics", size: 15, weight: "bold");
        y += 6;
        var statics = report.LargestStatics(ListShown);
        if (statics.Count == 0) Text(svg, ChainLeft, y += 20, "none", size: 12, fill: "#666");
        foreach (var item in statics)
        {
            y += 20;
            Text(svg, ChainLeft, y, Shorten(item.Name, 56), size: 12);
            Text(svg, ChainLeft + 420, y, Segment(item.Storage), size: 12, fill: "#555");
            Text(svg, ChainLeft + ChainWidth, y, Size(item.Bytes), size: 12, anchor: "end", weight: "bold");
        }

        y += 34;
        Text(svg, ChainLeft, y, "Largest allocation sites (whole run)", size: 15, weight: "bold");
        y += 6;
        var sites = report.LargestAllocations(ListShown);
        if (sites.Count == 0) Text(svg, ChainLeft, y += 20, "none of known size", size: 12, fill: "#666");
        foreach (var site in sites)
        {
            y += 20;
            Text(svg, ChainLeft, y, Shorten($"{report.Where(site.Site.Location)}  {site.Site.Kind.ToJsonValue()} {site.Site.TypeName}", 58), size: 12);
            Text(svg, ChainLeft + 420, y, $"x{site.Count.ToString("N0", CultureInfo.InvariantCulture)}", size: 12, fill: "#555");
            Text(svg, ChainLeft + ChainWidth, y, Size(site.Bytes), size: 12, anchor: "end", weight: "bold");
        }
        return y;
    }

    private static string KindText(ThreadStack thread) => thread.Kind switch
    {
        ThreadKind.Main => "main thread, --stack-limit",
        ThreadKind.ThreadPool => "thread pool, default stack",
        _ => thread.LimitSource == StackLimitSource.MaxStackSize ? "new Thread with maxStackSize" : "new Thread, default stack",
    };

    private static string Segment(StorageClass storage) => storage switch
    {
        StorageClass.StaticData => "data",
        StorageClass.StaticBss => "BSS",
        _ => "thread-local",
    };

    private static void Address(StringBuilder svg, int y, ulong address) =>
        Text(svg, MapLeft - 8, y + 4, "0x" + address.ToString("x", CultureInfo.InvariantCulture), size: 11, fill: "#555", anchor: "end", family: "DejaVu Sans Mono, monospace");

    private static void Arrow(StringBuilder svg, int x, int from, int to) =>
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="{from}" x2="{x}" y2="{to}" stroke="#555" stroke-width="2" marker-end="url(#arrow)"/>""").Append('\n');

    private static void Box(StringBuilder svg, int x, int y, int width, int height, string fill, string stroke, bool dashed = false, double strokeWidth = 1)
    {
        var dash = dashed ? """ stroke-dasharray="5 4" """ : " ";
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}" stroke="{stroke}" stroke-width="{strokeWidth}"{dash}/>""").Append('\n');
    }

    private static void Text(StringBuilder svg, int x, int y, string text, int size = 13, string fill = "#111", string weight = "normal",
        string anchor = "start", string? family = null)
    {
        var font = family is null ? "" : $""" font-family="{family}" """;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{y}" font-size="{size}" fill="{fill}" font-weight="{weight}" text-anchor="{anchor}"{font}>""")
            .Append(Escape(text)).Append("</text>\n");
    }

    private static string Size(long bytes) => ByteSize.Describe(bytes);

    private static string Size(ulong bytes) => ByteSize.Describe((long)Math.Min(bytes, long.MaxValue));

    private static string Count(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>Keeps the end of a long name (the method), eliding the namespace side.</summary>
    private static string Shorten(string text, int length) => text.Length <= length ? text : "…" + text[^(length - 1)..];

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
