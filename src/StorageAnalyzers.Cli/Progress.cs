using Spectre.Console;

namespace StorageAnalyzers.Cli;

/// <summary>
/// A spinner with the current step on stderr while a long command loads and binds, shown only when stderr is this
/// process's own terminal: never in a pipe, a file, CI logs or tests (which pass their own writers).
/// </summary>
internal static class Progress
{
    public static T Run<T>(TextWriter stderr, Func<Action<string>, T> work)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected) return work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().Start("Starting", context => work(step => context.Status(Markup.Escape(step))));
    }
}
