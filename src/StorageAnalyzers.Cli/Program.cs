using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace StorageAnalyzers.Cli;

/// <summary>The <c>storage-analyzers</c> command line: verbs, parse errors and exit codes.</summary>
internal static class Program
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitBadInput = 2;

    private const string Description =
        "Shows where the bytes of each variable and allocation live: stack, heap, static data, BSS, " +
        "thread-local storage, constants or inline in their container.\n\n" +
        "Example:\n" +
        "  storage-analyzers classify samples/MemoryTour\n" +
        "  storage-analyzers classify src/App/App.csproj --format json --debug\n" +
        "  storage-analyzers classify App.sln --format sarif --fail-on-warning > storage.sarif\n\n" +
        "Exit codes: 0 ok, 1 findings at warning or above with --fail-on-warning, 2 bad input.";

    public static int Main(string[] args) =>
        Run(args, Console.Out, Console.Error, colours: !Console.IsOutputRedirected);

    /// <summary>Runs one command line; <paramref name="colours"/> is false when stdout is not a terminal.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool colours = false)
    {
        var root = new RootCommand(Description) { ClassifyCommand.Create(stdout, stderr, colours), SimulateCommand.Create(stdout, stderr, colours) };
        var parse = root.Parse(args);

        // The library's own error action prints help to stdout and exits 1; the contract wants one line on
        // stderr, nothing on stdout and exit 2.
        if (parse.Action is ParseErrorAction)
        {
            stderr.WriteLine($"error: {Describe(parse)} See 'storage-analyzers --help'.");
            return ExitBadInput;
        }

        // Crashes are bugs: let them surface as crashes instead of the handler's exit code 1 (reserved for findings).
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The one parse error that explains the most.</summary>
    private static string Describe(ParseResult parse)
    {
        // An unknown word is the cause of the errors it brings along ("Required command was not provided").
        if (parse.UnmatchedTokens.Count > 0) return $"unknown command or option '{parse.UnmatchedTokens[0]}'.";
        return parse.Errors[0].SymbolResult switch
        {
            ArgumentResult { Tokens.Count: 0, Argument: var missing } => $"missing <{missing.Name}>: {missing.Description}",
            CommandResult { Command: RootCommand } => "no command given; the commands are 'classify' and 'simulate'.",
            _ => parse.Errors[0].Message,
        };
    }
}
