using System.Diagnostics;
using System.Text.Json.Nodes;
using StorageAnalyzers.Package.Tests.Consumer;

namespace StorageAnalyzers.Package.Tests.Ide;

/// <summary>Starts csharp-ls (the version dotnet-tools.json pins) and opens a workspace the way an editor does.</summary>
internal static class CSharpLs
{
    /// <summary>
    /// <c>dotnet tool run csharp-ls</c> from the repository, where the tool manifest is; the workspace is the sample's
    /// folder, given to the server as its root.
    /// </summary>
    public static LspConnection Start(ConsumerSample sample, JsonObject settings)
    {
        var start = DotnetCommand.StartInfo(Repository.Root, ["tool", "run", "csharp-ls", "--loglevel", "info"], sample.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("csharp-ls did not start");
        return new LspConnection(process, settings);
    }

    public static async Task InitializeAsync(LspConnection server, string workspaceFolder, CancellationToken cancellation)
    {
        var root = new Uri(workspaceFolder.TrimEnd('/') + "/").AbsoluteUri;
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "PackageConsumer" }),
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true, ["didChangeConfiguration"] = new JsonObject { ["dynamicRegistration"] = true } },
                ["textDocument"] = new JsonObject
                {
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true },
                    ["publishDiagnostics"] = new JsonObject(),
                    ["codeAction"] = new JsonObject
                    {
                        ["codeActionLiteralSupport"] = new JsonObject
                        {
                            ["codeActionKind"] = new JsonObject { ["valueSet"] = new JsonArray("", "quickfix", "refactor") },
                        },
                    },
                },
            },
        }, cancellation);
        await server.NotifyAsync("initialized", new JsonObject(), cancellation);
    }
}
