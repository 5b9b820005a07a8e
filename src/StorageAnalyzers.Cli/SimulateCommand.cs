using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using StorageAnalyzers.Cli.Output;
using StorageAnalyzers.Simulator;

namespace StorageAnalyzers.Cli;

/// <summary>The <c>simulate</c> verb: segment sizes like <c>size</c>, each thread's worst-case stack with its call chain,
/// the heap per entry point; as a table, JSON, or a picture of the address space (SVG, HTML).</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool colours)
    {
        var path = new Argument<string>("path")
        {
            Description = "A .cs file, a folder of .cs files (bin/ and obj/ skipped), a .csproj or a .sln.",
        };
        var entry = new Option<string?>("--entry")
        {
            Description = "The entry point to simulate on the main thread, as Namespace.Type.Method or its last parts; default: Main or the top-level statements.",
            HelpName = "Type.Method",
        };
        var stackLimit = new Option<long>("--stack-limit")
        {
            Description = "The main thread's stack, in bytes or with KB/MB.",
            HelpName = "size",
            DefaultValueFactory = _ => SimulationDefaults.MainThreadStackBytes,
            CustomParser = ParseSize,
        };
        var pointerSize = new Option<int>("--pointer-size")
        {
            Description = "Pointer size in bytes: 8 for 64-bit, 4 for 32-bit.",
            HelpName = "8|4",
            DefaultValueFactory = _ => 8,
            CustomParser = ParsePointerSize,
        };
        var loopIterations = new Option<int>("--loop-iterations")
        {
            Description = "How many times a loop without a constant bound runs.",
            HelpName = "N",
            DefaultValueFactory = _ => SimulationDefaults.LoopIterations,
            CustomParser = result => ParseCount(result, minimum: 0),
        };
        var recursionDepth = new Option<int>("--recursion-depth")
        {
            Description = "How many times each recursive cycle goes round.",
            HelpName = "N",
            DefaultValueFactory = _ => SimulationDefaults.RecursionDepth,
            CustomParser = result => ParseCount(result, minimum: 1),
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format.",
            HelpName = "table|json|svg|html",
            DefaultValueFactory = _ => "table",
            CustomParser = ParseFormat,
        };
        var output = new Option<string?>("--output")
        {
            Description = "Write to this file instead of standard output.",
            HelpName = "FILE",
        };

        var command = new Command("simulate", "Simulate the program's memory: text, data, BSS, heap and one stack per thread with its worst call chain.")
        {
            path, entry, stackLimit, pointerSize, loopIterations, recursionDepth, format, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                var request = new SimulationRequest(parse.GetValue(path)!, parse.GetValue(entry), parse.GetValue(stackLimit),
                    parse.GetValue(pointerSize), parse.GetValue(loopIterations), parse.GetValue(recursionDepth));
                var report = Progress.Run(stderr, status => SimulationRunner.Run(request, status, stderr));
                Write(report, parse.GetValue(format)!, parse.GetValue(output), stdout, colours);
                return Program.ExitOk;
            }
            catch (InputException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return Program.ExitBadInput;
            }
        });
        return command;
    }

    private static void Write(SimulationReport report, string format, string? outputPath, TextWriter stdout, bool colours)
    {
        // Rendered in full before anything is written, so a failure leaves no half-written output.
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        switch (format)
        {
            case "json":
                SimulationJsonWriter.Write(report, text);
                break;
            case "svg":
                text.Write(SimulationSvgWriter.Render(report));
                break;
            case "html":
                SimulationHtmlWriter.Write(report, text);
                break;
            default:
                SimulationTableWriter.Write(report, text, colours && outputPath is null);
                break;
        }
        if (outputPath is null)
        {
            stdout.Write(text.ToString());
            return;
        }
        try
        {
            File.WriteAllText(outputPath, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"--output {outputPath}: cannot be written: {e.Message}");
        }
    }

    private static long ParseSize(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (ByteSize.Parse(token) is { } bytes) return bytes;
        result.AddError($"--stack-limit must be a size in bytes or with KB/MB (e.g. 1MB), not '{token}'.");
        return default;
    }

    private static int ParsePointerSize(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (token is "8" or "4") return int.Parse(token, CultureInfo.InvariantCulture);
        result.AddError($"--pointer-size must be 8 or 4, not '{token}'.");
        return default;
    }

    private static int ParseCount(ArgumentResult result, int minimum)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= minimum) return count;
        var name = ((OptionResult)result.Parent!).Option.Name;
        result.AddError($"{name} must be a whole number of at least {minimum}, not '{token}'.");
        return default;
    }

    private static string ParseFormat(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var format = token.ToLowerInvariant();
        if (format is "table" or "json" or "svg" or "html") return format;
        result.AddError($"--format must be table, json, svg or html, not '{token}'.");
        return "";
    }
}
