using System.Globalization;
using System.Text;
using Spectre.Console;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli.Output;

/// <summary>
/// <c>classify --format table</c>: per file a variables table and an allocations table, then a one-line summary.
/// Each row's reason goes on its own lines under the row rather than in a column: reasons are sentences, and with six
/// other columns an 80-column terminal would leave them a dozen characters wide.
/// </summary>
internal static class TableReportWriter
{
    private const string Gap = "  ";
    private static readonly Style HeaderStyle = new(decoration: Decoration.Bold);
    private static readonly Style ReasonStyle = new(Color.Grey);

    /// <summary>One table row: its cells under the headers, then the reason, wrapped, under all but the first column.</summary>
    private sealed record Row(IReadOnlyList<Cell> Cells, string Reason);

    private sealed record Cell(string Text, Style? Style = null);

    public static void Write(IReadOnlyList<ClassifiedFile> files, TextWriter output, bool colours)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        foreach (var file in files)
        {
            console.Write(new Rule(Markup.Escape(file.Path)).LeftJustified());
            if (file.Variables.Count == 0 && file.Allocations.Count == 0)
                console.WriteLine("No variables or allocations.");
            WriteTable(console, "Variables", ["line:col", "name", "kind", "storage", "bytes"], file.Variables.Select(VariableRow).ToList());
            WriteTable(console, "Allocations", ["line:col", "kind", "storage", "bytes", "in loop", "type"], file.Allocations.Select(AllocationRow).ToList());
        }
        console.WriteLine();
        console.Write(new Text(Wrap(Summary(files), 0, console.Profile.Width) + "\n"));
    }

    private static Row VariableRow(VariableStorage v)
    {
        // Where the variable's own bytes live, then where the object it refers to lives when that is known.
        var storage = v.Referent is { } referent ? $"{v.Storage.ToJsonValue()} → {referent.ToJsonValue()}" : v.Storage.ToJsonValue();
        return new Row(
            [new(Position.Of(v.Location).ToString()), new(v.Name), new(v.Kind.ToJsonValue()), new(storage, StyleOf(v.Storage)), new(Bytes(v.SizeBytes))],
            v.Reason);
    }

    // The type goes last: it is the one cell that can be long (generic types, state machines).
    private static Row AllocationRow(AllocationSite a) => new(
        [
            new(Position.Of(a.Location).ToString()), new(a.Kind.ToJsonValue()), new(a.Storage.ToJsonValue(), StyleOf(a.Storage)),
            new(Bytes(a.SizeBytes)), new(a.InLoop ? "yes" : ""), new(a.TypeName),
        ],
        a.Reason);

    private static void WriteTable(IAnsiConsole console, string title, string[] headers, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0) return;
        var widths = headers.Select((header, i) => Math.Max(header.Length, rows.Max(row => row.Cells[i].Text.Length))).ToArray();
        var rightAligned = Array.IndexOf(headers, "bytes");
        var width = console.Profile.Width;
        var reasonIndent = widths[0] + Gap.Length;

        console.WriteLine();
        console.Write(new Text($"{title} ({rows.Count})\n", HeaderStyle));
        console.Write(Line(headers.Select(header => new Cell(header, HeaderStyle)).ToList(), widths, rightAligned, width));
        foreach (var row in rows)
        {
            console.Write(Line(row.Cells, widths, rightAligned, width));
            console.Write(new Text(new string(' ', reasonIndent) + Wrap(row.Reason, reasonIndent, width) + "\n", ReasonStyle));
        }
    }

    /// <summary>One row of aligned cells; the last cell wraps under itself when the row is wider than the terminal.</summary>
    private static Paragraph Line(IReadOnlyList<Cell> cells, int[] widths, int rightAligned, int width)
    {
        var line = new Paragraph();
        var column = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var text = i == rightAligned ? cells[i].Text.PadLeft(widths[i]) : cells[i].Text;
            if (i == cells.Count - 1)
                return line.Append((column + text.Length <= width ? text : Wrap(text, column, width)) + "\n", cells[i].Style);
            line.Append(text.PadRight(widths[i]) + Gap, cells[i].Style);
            column += widths[i] + Gap.Length;
        }
        return line;
    }

    /// <summary>
    /// Word-wraps text that starts at column <paramref name="indent"/> so that no line passes <paramref name="width"/>;
    /// continuation lines start at the same column.
    /// </summary>
    private static string Wrap(string text, int indent, int width)
    {
        var wrapped = new StringBuilder();
        var lineLength = 0;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineLength > 0 && indent + lineLength + 1 + word.Length > width)
            {
                wrapped.Append('\n').Append(' ', indent);
                lineLength = 0;
            }
            else if (lineLength > 0)
            {
                wrapped.Append(' ');
                lineLength++;
            }
            wrapped.Append(word);
            lineLength += word.Length;
        }
        return wrapped.ToString();
    }

    private static Style StyleOf(StorageClass storage) => new(storage switch
    {
        StorageClass.Dynamic => Color.Yellow,
        StorageClass.Automatic => Color.Green,
        StorageClass.StaticData or StorageClass.StaticBss => Color.Blue,
        StorageClass.ThreadLocal => Color.Fuchsia,
        StorageClass.Inline => Color.Aqua,
        _ => Color.Grey,
    });

    private static string Bytes(long? size) => size?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>
    /// Counts per storage class, and the heap bytes the sites allocate when each runs once. Sites in loops run
    /// once per iteration, and some sizes depend on run-time values, so both are called out.
    /// </summary>
    private static string Summary(IReadOnlyList<ClassifiedFile> files)
    {
        var variables = files.SelectMany(f => f.Variables).ToList();
        var allocations = files.SelectMany(f => f.Allocations).ToList();
        var heap = allocations.Where(a => a.Storage == StorageClass.Dynamic).ToList();
        var knownBytes = heap.Sum(a => a.SizeBytes ?? 0);
        var unknown = heap.Count(a => a.SizeBytes is null);
        var inLoop = heap.Count(a => a.InLoop);

        var summary = $"{Count(files.Count, "file")}; " +
            $"{Count(variables.Count, "variable")}{PerStorage(variables.Select(v => v.Storage))}; " +
            $"{Count(allocations.Count, "allocation")}{PerStorage(allocations.Select(a => a.Storage))}; " +
            $"heap per call: {knownBytes.ToString(CultureInfo.InvariantCulture)} bytes where known";
        if (unknown > 0) summary += $", {Count(unknown, "site")} of unknown size";
        if (inLoop > 0) summary += $", {Count(inLoop, "site")} repeating per loop iteration";
        return summary + ".";
    }

    private static string PerStorage(IEnumerable<StorageClass> storages)
    {
        var counts = storages.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key.ToJsonValue()} {g.Count()}").ToList();
        return counts.Count == 0 ? "" : $" ({string.Join(", ", counts)})";
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
