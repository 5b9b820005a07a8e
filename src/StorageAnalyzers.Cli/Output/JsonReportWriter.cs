using System.Text.Encodings.Web;
using System.Text.Json;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli.Output;

/// <summary>
/// <c>classify --format json</c>: the contract's one object of <c>variables</c> and <c>allocations</c>, ordered by
/// file, line and column so that the output diffs cleanly between runs.
/// </summary>
internal static class JsonReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Type names such as List<int> stay readable; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(IReadOnlyList<ClassifiedFile> files, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("variables");
            foreach (var file in files)
            foreach (var variable in file.Variables)
                WriteVariable(json, file.Path, variable);
            json.WriteEndArray();
            json.WriteStartArray("allocations");
            foreach (var file in files)
            foreach (var allocation in file.Allocations)
                WriteAllocation(json, file.Path, allocation);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteVariable(Utf8JsonWriter json, string file, VariableStorage variable)
    {
        json.WriteStartObject();
        WritePosition(json, file, Position.Of(variable.Location));
        json.WriteString("name", variable.Name);
        json.WriteString("kind", variable.Kind.ToJsonValue());
        json.WriteString("storage", variable.Storage.ToJsonValue());
        if (variable.Referent is { } referent) json.WriteString("referent", referent.ToJsonValue());
        else json.WriteNull("referent");
        WriteSize(json, variable.SizeBytes);
        json.WriteString("reason", variable.Reason);
        json.WriteEndObject();
    }

    private static void WriteAllocation(Utf8JsonWriter json, string file, AllocationSite allocation)
    {
        json.WriteStartObject();
        WritePosition(json, file, Position.Of(allocation.Location));
        json.WriteString("kind", allocation.Kind.ToJsonValue());
        json.WriteString("storage", allocation.Storage.ToJsonValue());
        json.WriteString("type", allocation.TypeName);
        WriteSize(json, allocation.SizeBytes);
        json.WriteBoolean("inLoop", allocation.InLoop);
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, string file, Position position)
    {
        json.WriteString("file", file);
        json.WriteNumber("line", position.Line);
        json.WriteNumber("column", position.Column);
    }

    private static void WriteSize(Utf8JsonWriter json, long? sizeBytes)
    {
        if (sizeBytes is { } size) json.WriteNumber("sizeBytes", size);
        else json.WriteNull("sizeBytes");
    }
}
