using System.Text.Json.Nodes;
using StorageAnalyzers.Package.Tests.Consumer;

namespace StorageAnalyzers.Package.Tests.Ide;

/// <summary>
/// The IDE path: the csharp-ls language server (the repository's dotnet tool manifest pins it) opens
/// samples/PackageConsumer, restored from the local feed, with analyzers switched on as an editor does, and shows our
/// diagnostics where the sample's source marks them. Loading the project takes up to a minute; the test is bounded.
/// </summary>
public sealed class CSharpLsTests : IClassFixture<ConsumerSample>
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly ConsumerSample _sample;

    public CSharpLsTests(ConsumerSample sample) => _sample = sample;

    [SkippableFact]
    public async Task The_language_server_reports_our_diagnostics_on_the_marked_lines()
    {
        var install = DotnetCommand.Run(Repository.Root, ["tool", "restore"], TimeSpan.FromMinutes(3));
        Skip.If(install.ExitCode != 0, "csharp-ls (dotnet-tools.json) could not be installed, so the IDE path was not tested:\n" + install.Output);

        using var timeout = new CancellationTokenSource(Budget);
        var cancellation = timeout.Token;
        await using var server = CSharpLs.Start(_sample, new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } });
        try
        {
            await CSharpLs.InitializeAsync(server, _sample.ProjectFolder, cancellation);
            await server.NotifyAsync("workspace/didChangeConfiguration",
                new JsonObject { ["settings"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } } }, cancellation);

            var crc32 = await OpenAsync(server, "Crc32.cs", cancellation);
            var hexPreview = await OpenAsync(server, "HexPreview.cs", cancellation);

            // Marked lines are 1-based; LSP lines are 0-based.
            var sd2001 = await DiagnosticAsync(server, crc32, "SD2001", cancellation);
            Assert.Equal(LineOf("Crc32.cs", "SD2001") - 1, sd2001["range"]!["start"]!["line"]!.GetValue<int>());
            Assert.Equal(Severity.Warning, sd2001["severity"]!.GetValue<int>());
            Assert.Contains("8192 bytes", sd2001["message"]!.GetValue<string>(), StringComparison.Ordinal);

            var sd2002 = await DiagnosticAsync(server, hexPreview, "SD2002", cancellation);
            Assert.Equal(LineOf("HexPreview.cs", "SD2002") - 1, sd2002["range"]!["start"]!["line"]!.GetValue<int>());
            // The sample's .editorconfig raises the SD1001 tags to suggestion in this file.
            var sd1001 = await DiagnosticAsync(server, hexPreview, "SD1001", cancellation);
            Assert.Equal(Severity.Information, sd1001["severity"]!.GetValue<int>());

            // The light bulb on the SD2001 range answers. csharp-ls 0.28.0 offers only Roslyn's own fixers and
            // refactorings there (it never loads code fixes from analyzer packages), so our fixes' titles are checked
            // where hosts that do load them look: PackagedCodeFixTests.
            var titles = await CodeActionTitlesAsync(server, crc32, sd2001, cancellation);
            Assert.NotEmpty(titles);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"csharp-ls did not show the diagnostics within {Budget.TotalMinutes} minutes. Its log:\n{server.ServerLog}");
        }
    }

    private async Task<string> OpenAsync(LspConnection server, string file, CancellationToken cancellation)
    {
        var path = Path.Combine(_sample.ProjectFolder, file);
        var uri = new Uri(path).AbsoluteUri;
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = await File.ReadAllTextAsync(path, cancellation) },
        }, cancellation);
        return uri;
    }

    /// <summary>
    /// The first diagnostic of <paramref name="id"/> in the document, pulled (textDocument/diagnostic) or pushed
    /// (publishDiagnostics), asked again until the server has loaded the project and run the analyzers.
    /// </summary>
    private static async Task<JsonObject> DiagnosticAsync(LspConnection server, string uri, string id, CancellationToken cancellation)
    {
        while (true)
        {
            var report = await server.RequestAsync("textDocument/diagnostic",
                new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, cancellation);
            var pulled = report?["items"]?.AsArray() ?? [];
            server.PublishedDiagnostics.TryGetValue(uri, out var pushed);
            var found = pulled.Concat(pushed ?? []).OfType<JsonObject>().FirstOrDefault(d => d["code"]?.ToString() == id);
            if (found is not null) return found;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    private static async Task<List<string>> CodeActionTitlesAsync(LspConnection server, string uri, JsonObject diagnostic, CancellationToken cancellation)
    {
        var actions = await server.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = diagnostic["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(diagnostic.DeepClone()) },
        }, cancellation);
        return (actions?.AsArray() ?? []).Select(a => a?["title"]?.GetValue<string>()).OfType<string>().ToList();
    }

    private static int LineOf(string file, string id) => ConsumerSample.Markers().Single(m => m.File == file && m.Id == id).Line;

    /// <summary>LSP DiagnosticSeverity.</summary>
    private static class Severity
    {
        public const int Warning = 2;
        public const int Information = 3;
    }
}
