using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StorageAnalyzers.Package.Tests.Ide;

/// <summary>
/// A minimal Language Server Protocol client over a server's stdin/stdout (JSON-RPC with Content-Length framing):
/// requests with responses, notifications both ways, and the few requests a server sends the client, answered the way
/// an editor with analyzers switched on would.
/// </summary>
internal sealed class LspConnection : IAsyncDisposable
{
    private readonly Process _server;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private readonly JsonObject _settings;
    private int _nextId;

    public LspConnection(Process server, JsonObject settings)
    {
        _server = server;
        _settings = settings;
        _input = server.StandardInput.BaseStream;
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data);
        };
        server.BeginErrorReadLine();
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The latest <c>textDocument/publishDiagnostics</c> per document URI.</summary>
    public ConcurrentDictionary<string, JsonArray> PublishedDiagnostics { get; } = new();

    /// <summary>What the server wrote to stderr (its log), for failure messages.</summary>
    public string ServerLog
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellation)
    {
        int id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, cancellation);
        using (cancellation.Register(() => response.TrySetCanceled(cancellation)))
            return await response.Task;
    }

    public Task NotifyAsync(string method, JsonNode? parameters, CancellationToken cancellation) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters }, cancellation);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RequestAsync("shutdown", null, shutdown.Token);
            await NotifyAsync("exit", null, shutdown.Token);
            await _server.WaitForExitAsync(shutdown.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or LspException)
        {
            // a server that does not shut down politely is stopped below
        }
        if (!_server.HasExited) _server.Kill(entireProcessTree: true);
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or IOException or LspException)
        {
            // the server is gone either way
        }
        _server.Dispose();
        _writeLock.Dispose();
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellation)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync(cancellation);
        try
        {
            await _input.WriteAsync(header, cancellation);
            await _input.WriteAsync(body, cancellation);
            await _input.FlushAsync(cancellation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var output = _server.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessageAsync(output) is { } message) await DispatchAsync(message);
        }
        finally
        {
            foreach (var pending in _pending.Values)
                pending.TrySetException(new LspException("the language server closed its output\n" + ServerLog));
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        bool hasId = message.TryGetPropertyValue("id", out var id) && id is not null;
        bool hasMethod = message.TryGetPropertyValue("method", out var methodNode) && methodNode is not null;
        if (hasId && !hasMethod)
        {
            if (_pending.TryRemove(id!.GetValue<int>(), out var response))
            {
                if (message["error"] is { } error) response.TrySetException(new LspException(error.ToJsonString()));
                else response.TrySetResult(message["result"]?.DeepClone());
            }
            return;
        }

        string method = methodNode!.GetValue<string>();
        if (method == "textDocument/publishDiagnostics" && message["params"] is JsonObject published)
            PublishedDiagnostics[published["uri"]!.GetValue<string>()] = (JsonArray)published["diagnostics"]!.DeepClone();
        if (hasId)
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id!.DeepClone(), ["result"] = AnswerServerRequest(method, message["params"]) }, CancellationToken.None);
    }

    /// <summary>workspace/configuration gets the settings for each section asked; registrations and progress are accepted.</summary>
    private JsonNode? AnswerServerRequest(string method, JsonNode? parameters)
    {
        if (method != "workspace/configuration") return null;
        var answers = new JsonArray();
        foreach (var item in parameters?["items"]?.AsArray() ?? [])
        {
            var section = item?["section"]?.GetValue<string>();
            answers.Add(section is not null && _settings[section] is { } value ? value.DeepClone() : _settings.DeepClone());
        }
        return answers;
    }

    private static async Task<JsonObject?> ReadMessageAsync(Stream stream)
    {
        int length = -1;
        while (await ReadHeaderLineAsync(stream) is { } line)
        {
            if (line.Length == 0)
            {
                if (length < 0) throw new LspException("a message without Content-Length");
                var body = new byte[length];
                await stream.ReadExactlyAsync(body);
                return JsonNode.Parse(body)!.AsObject();
            }
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            if (one[0] == '\n') return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
    }
}
