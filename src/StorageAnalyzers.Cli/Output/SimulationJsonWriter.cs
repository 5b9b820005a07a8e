using System.Text.Encodings.Web;
using System.Text.Json;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli.Output;

/// <summary>
/// <c>simulate --format json</c>: the design's contract, bytes throughout, entries as <c>Namespace.Type.Method</c>:
/// <c>{"pointerSize", "segments": {"text","data","bss","threadLocal","heap","stack"}, "threads": [{"entry","stackLimit",
/// "worstCaseBytes","recursive","chain":[{"method","frameBytes"}]}], "entries": [{"entry","heapBytes"}]}</c>.
/// </summary>
internal static class SimulationJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Names such as Program.<Main>$ stay readable; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(SimulationReport report, TextWriter output)
    {
        var simulation = report.Simulation;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("pointerSize", simulation.PointerSize);
            json.WriteStartObject("segments");
            json.WriteNumber("text", simulation.Text.Bytes);
            json.WriteNumber("data", simulation.Statics.DataBytes);
            json.WriteNumber("bss", simulation.Statics.BssBytes);
            json.WriteNumber("threadLocal", simulation.Statics.ThreadLocalBytes);
            json.WriteNumber("heap", simulation.HeapBytes);
            json.WriteNumber("stack", simulation.StackBytes);
            json.WriteEndObject();
            json.WriteStartArray("threads");
            foreach (var thread in simulation.Threads) WriteThread(json, thread);
            json.WriteEndArray();
            json.WriteStartArray("entries");
            foreach (var entry in simulation.Entries)
            {
                json.WriteStartObject();
                json.WriteString("entry", entry.EntryName);
                json.WriteNumber("heapBytes", entry.Heap.Bytes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteThread(Utf8JsonWriter json, ThreadStack thread)
    {
        json.WriteStartObject();
        json.WriteString("entry", thread.EntryName);
        json.WriteNumber("stackLimit", thread.LimitBytes);
        json.WriteNumber("worstCaseBytes", thread.WorstCase.TotalBytes);
        json.WriteBoolean("recursive", thread.Recursive);
        json.WriteStartArray("chain");
        foreach (var (method, frameBytes) in thread.WorstCase.Chain)
        {
            json.WriteStartObject();
            json.WriteString("method", MethodNames.Of(method));
            json.WriteNumber("frameBytes", frameBytes);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
