using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Cli.Findings;
using StorageAnalyzers.Cli.Loading;
using StorageAnalyzers.Cli.Output;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli;

/// <summary>
/// The <c>classify</c> verb: every variable and allocation site of the input, as a table or JSON; or the stack rules'
/// findings as SARIF; with --fail-on-warning, exit code 1 when a finding is a warning or worse.
/// </summary>
internal static class ClassifyCommand
{
    private const int ErrorsShown = 5;

    public static Command Create(TextWriter stdout, TextWriter stderr, bool colours)
    {
        var path = new Argument<string>("path")
        {
            Description = "A .cs file, a folder of .cs files (bin/ and obj/ skipped), a .csproj or a .sln.",
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format; sarif writes the stack rules' findings (SARIF 2.1.0) for code scanning.",
            HelpName = "table|json|sarif",
            DefaultValueFactory = _ => "table",
            CustomParser = ParseFormat,
        };
        var debug = new Option<bool>("--debug")
        {
            Description = "Classify a Debug build (every async local is hoisted to the heap); the default is Release.",
        };
        var pointerSize = new Option<int>("--pointer-size")
        {
            Description = "Pointer size in bytes: 8 for 64-bit, 4 for 32-bit.",
            HelpName = "8|4",
            DefaultValueFactory = _ => 8,
            CustomParser = ParsePointerSize,
        };
        var failOnWarning = new Option<bool>("--fail-on-warning")
        {
            Description = "Exit with code 1 when a stack rule (SD2xxx) reports a warning or an error, with the project's " +
                ".editorconfig severities, as a build does; the findings are listed on stderr.",
        };

        var command = new Command("classify", "List every variable and allocation site with its storage, size and reason.")
        {
            path, format, debug, pointerSize, failOnWarning,
        };
        command.SetAction(parse =>
        {
            try
            {
                var optimization = parse.GetValue(debug) ? OptimizationLevel.Debug : OptimizationLevel.Release;
                var input = InputLoader.Load(parse.GetValue(path)!, optimization);
                var bound = WithoutNullableAnalysis(input);
                bool failing = parse.GetValue(failOnWarning);
                var outputFormat = parse.GetValue(format);
                // SARIF holds the stack rules' findings, the table and JSON the classification; --fail-on-warning
                // asks for the findings with either.
                var pass = ClassificationPass.Run(bound, parse.GetValue(pointerSize),
                    classify: outputFormat != "sarif", stackRules: outputFormat == "sarif" || failing);
                var findings = pass.Findings;
                var compileErrors = CompileErrors(bound, pass.CompilerDiagnostics);
                ReportCompileErrors(compileErrors, parse.GetValue(path)!, stderr);
                switch (outputFormat)
                {
                    case "sarif":
                        SarifReportWriter.Write(findings, StackRules.Rules, input.Root, stdout);
                        break;
                    case "json":
                        JsonReportWriter.Write(Sorted(bound, pass.Files), stdout);
                        break;
                    default:
                        TableReportWriter.Write(Sorted(bound, pass.Files), stdout, colours);
                        break;
                }
                return failing ? FailOnWarning(findings, stderr) : Program.ExitOk;
            }
            catch (InputException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return Program.ExitBadInput;
            }
        });
        return command;
    }

    /// <summary>--fail-on-warning: each finding at warning or above on stderr, and exit code 1 if there is one.</summary>
    private static int FailOnWarning(List<Finding> findings, TextWriter stderr)
    {
        var failures = findings.Where(f => f.IsWarningOrAbove).ToList();
        foreach (var failure in failures) stderr.WriteLine(failure);
        if (failures.Count == 0) return Program.ExitOk;
        stderr.WriteLine($"error: {(failures.Count == 1 ? "1 finding" : $"{failures.Count} findings")} at warning or above (--fail-on-warning)");
        return Program.ExitFindings;
    }

    /// <summary>The classified trees by path.</summary>
    private static List<ClassifiedFile> Sorted(LoadedInput input, IEnumerable<FileStorage> files)
    {
        var sorted = files.Select(file => new ClassifiedFile(input.RelativePath(file.Tree.FilePath), file)).ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return sorted;
    }

    /// <summary>The input without nullable analysis (see <see cref="SharedBinding.WithoutNullableAnalysis"/>).</summary>
    private static LoadedInput WithoutNullableAnalysis(LoadedInput input) => input with
    {
        Compilations = [.. input.Compilations.Select(unit => unit with { Compilation = SharedBinding.WithoutNullableAnalysis(unit.Compilation) })],
    };

    /// <summary>
    /// Code that does not compile is still classified as far as it binds; the errors go to stderr as warnings
    /// so that stdout stays a clean table or JSON document.
    /// </summary>
    private static void ReportCompileErrors(List<string> errors, string path, TextWriter stderr)
    {
        if (errors.Count == 0) return;

        var count = errors.Count == 1 ? "1 compile error" : $"{errors.Count} compile errors";
        stderr.WriteLine($"warning: {count}; storage is reported for the code that binds");
        // A folder compiles against the runtime's reference assemblies only: its project's packages are missing.
        if (Directory.Exists(path) && Directory.EnumerateFiles(path, "*.csproj").FirstOrDefault() is { } project)
            stderr.WriteLine($"warning: {path} has a project file; pass {Path.Combine(path, Path.GetFileName(project))} to compile with its references");
        foreach (var error in errors.Take(ErrorsShown))
            stderr.WriteLine($"warning: {error}");
    }

    private static List<string> CompileErrors(LoadedInput input, IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => (Position: d.Location.GetLineSpan(), Text: FormatError(input, d)))
            .DistinctBy(e => e.Text) // a multi-targeted project reports each error once per target
            .OrderBy(e => e.Position.Path, StringComparer.Ordinal)
            .ThenBy(e => e.Position.StartLinePosition)
            .Select(e => e.Text)
            .ToList();

    private static string FormatError(LoadedInput input, Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture).ToOneLine();
        var text = $"error {diagnostic.Id}: {message}";
        if (!diagnostic.Location.IsInSource) return text;
        var span = diagnostic.Location.GetLineSpan();
        var start = span.StartLinePosition;
        return $"{input.RelativePath(span.Path)}({start.Line + 1},{start.Character + 1}): {text}";
    }

    private static string ParseFormat(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var format = token.ToLowerInvariant();
        if (format is "table" or "json" or "sarif") return format;
        result.AddError($"--format must be table, json or sarif, not '{token}'.");
        return "";
    }

    private static int ParsePointerSize(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (token is "8" or "4") return int.Parse(token, CultureInfo.InvariantCulture);
        result.AddError($"--pointer-size must be 8 or 4, not '{token}'.");
        return default;
    }
}
