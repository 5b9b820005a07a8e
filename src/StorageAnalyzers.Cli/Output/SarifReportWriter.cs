using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Cli.Findings;

namespace StorageAnalyzers.Cli.Output;

/// <summary>
/// <c>classify --format sarif</c>: the findings as one SARIF 2.1.0 log for code scanning. File URIs are relative to
/// the input root, which the log names as the SRCROOT base.
/// </summary>
internal static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    private const string RootBase = "SRCROOT";
    private const string InformationUri = "https://github.com/StorageAnalyzers/StorageAnalyzers";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // messages name types such as Span<byte>
    };

    public static void Write(IReadOnlyList<Finding> findings, IReadOnlyList<DiagnosticDescriptor> rules, string root, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(RootBase);
            json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar).AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);
            foreach (var finding in findings) WriteResult(json, finding, ruleIndex);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<DiagnosticDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "storage-analyzers");
        json.WriteString("version", ToolVersion());
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpLinkUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", rule.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, IReadOnlyDictionary<string, int> ruleIndex)
    {
        var diagnostic = finding.Diagnostic;
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Id);
        json.WriteNumber("ruleIndex", ruleIndex[diagnostic.Id]);
        json.WriteString("level", Level(diagnostic.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", finding.File);
        json.WriteString("uriBaseId", RootBase);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.Line);
        json.WriteNumber("startColumn", finding.Column);
        json.WriteNumber("endLine", finding.EndLine);
        json.WriteNumber("endColumn", finding.EndColumn);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>The version --version prints, without the source revision.</summary>
    private static string ToolVersion()
    {
        var version = typeof(SarifReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return version.Split('+')[0];
    }
}
