using System.Diagnostics;
using System.Text;

namespace StorageAnalyzers.Package.Tests;

/// <summary>What a dotnet command printed (stdout and stderr interleaved) and how it exited.</summary>
internal sealed record CommandResult(int ExitCode, string Output);

/// <summary>Runs the dotnet CLI as a child process with a time limit, as a user's shell or a CI job would.</summary>
internal static class DotnetCommand
{
    public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = new Process { StartInfo = StartInfo(workingDirectory, arguments, environment) };
        var output = new StringBuilder();
        using var stdoutClosed = new ManualResetEventSlim();
        using var stderrClosed = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) => Append(e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(e.Data, stderrClosed);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s:\n{Text()}");
        }
        // The pipes close when the command exits; wait a little for the last lines, never for ever.
        stdoutClosed.Wait(TimeSpan.FromSeconds(10));
        stderrClosed.Wait(TimeSpan.FromSeconds(10));
        return new CommandResult(process.ExitCode, Text());

        void Append(string? line, ManualResetEventSlim closed)
        {
            if (line is null)
            {
                closed.Set();
                return;
            }
            lock (output) output.AppendLine(line);
        }

        string Text()
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>A child process started like a user's: English messages, no MSBuild state inherited from the test host.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Path())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet test` runs the tests inside an MSBuild-launched process tree: start from a clean slate.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }

    /// <summary>The dotnet that runs these tests (the SDK sets DOTNET_HOST_PATH for the processes it starts), else the one on PATH.</summary>
    private static string Path()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
