using System.Text.Json;
using System.Xml.Linq;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>The <c>simulate</c> verb: the JSON contract, the table, the pictures and --output, on a small program.</summary>
public sealed class SimulateTests : IDisposable
{
    private const string Program = """
        using System.Threading;

        static class Program
        {
            static int Answer = 42;
            static long Total;

            static void Main()
            {
                var worker = new Thread(Work, 256 * 1024);
                worker.Start();
                worker.Join();
                for (int i = 0; i < 4; i++) Total += Parse(3);
            }

            static void Work() => Render();
            static unsafe void Render() { byte* canvas = stackalloc byte[8000]; canvas[0] = (byte)Answer; }

            static unsafe int Parse(int depth)
            {
                byte* scratch = stackalloc byte[3000]; // 5 rounds outweigh the 8 KB of Join's wait
                var node = new int[10];
                return depth == 0 ? scratch[0] + node.Length : Parse(depth - 1);
            }
        }
        """;

    private readonly TempFolder _folder = new();
    private readonly string _path;

    public SimulateTests() => _path = _folder.Write("Program.cs", Program);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Json_follows_the_contract_with_one_thread_per_entry_and_its_chain()
    {
        var json = Cli.Run("simulate", _path, "--format", "json", "--recursion-depth", "5").Json();

        Assert.Equal(["pointerSize", "segments", "threads", "entries"], Names(json));
        Assert.Equal(8, json.GetProperty("pointerSize").GetInt32());
        var segments = json.GetProperty("segments");
        Assert.Equal(["text", "data", "bss", "threadLocal", "heap", "stack"], Names(segments));
        Assert.True(segments.GetProperty("text").GetInt64() > 0);
        Assert.Equal(4, segments.GetProperty("data").GetInt64());
        Assert.Equal(8, segments.GetProperty("bss").GetInt64());

        var threads = json.GetProperty("threads").EnumerateArray().ToList();
        Assert.Equal(["Program.Main", "Program.Work"], threads.Select(t => t.GetProperty("entry").GetString()));
        Assert.All(threads, t => Assert.Equal(["entry", "stackLimit", "worstCaseBytes", "recursive", "chain"], Names(t)));
        Assert.Equal([1024 * 1024, 256 * 1024], threads.Select(t => t.GetProperty("stackLimit").GetInt64()));
        Assert.True(threads[0].GetProperty("recursive").GetBoolean());
        Assert.False(threads[1].GetProperty("recursive").GetBoolean());
        var chain = threads[1].GetProperty("chain").EnumerateArray().ToList();
        Assert.Equal(["Program.Work", "Program.Render"], chain.Select(f => f.GetProperty("method").GetString()));
        Assert.Equal(threads[1].GetProperty("worstCaseBytes").GetInt64(), chain.Sum(f => f.GetProperty("frameBytes").GetInt64()));
        Assert.Equal(threads.Sum(t => t.GetProperty("worstCaseBytes").GetInt64()), segments.GetProperty("stack").GetInt64());

        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["Program.Main", "Program.Work"], entries.Select(e => e.GetProperty("entry").GetString()));
        // Main: 4 calls of Parse, each recursing 5 rounds that allocate an int[10] (64 bytes), and the Thread (72
        // bytes) with its start helper (64); the static method group is cached. Work allocates nothing.
        Assert.Equal(4 * 5 * 64 + 72 + 64, entries[0].GetProperty("heapBytes").GetInt64());
        Assert.Equal(0, entries[1].GetProperty("heapBytes").GetInt64());
    }

    [Fact]
    public void The_table_prints_the_segments_like_size_and_each_threads_chain()
    {
        var result = Cli.Run("simulate", _path);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();

        int header = lines.FindIndex(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(["text", "data", "bss", "heap", "stack"]));
        Assert.True(header > 0, result.Stdout);
        Assert.Equal(5, lines[header + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(lines, l => l.StartsWith("Program.Work ", StringComparison.Ordinal) && l.Contains("thread, maxStackSize") && l.Contains("262144"));
        Assert.Contains(lines, l => l.StartsWith("Worst chain of Program.Main", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Program.Parse  (recursive, x10)"));
        Assert.Contains(lines, l => l.StartsWith("recursion: Program.Parse -> Program.Parse", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Program.Answer", StringComparison.Ordinal) && l.Contains("data"));
    }

    [Fact]
    public void Svg_and_html_are_self_contained_pictures_of_every_segment()
    {
        var svg = Cli.Run("simulate", _path, "--format", "svg");
        Assert.Equal(0, svg.ExitCode);
        var document = XDocument.Parse(svg.Stdout);
        var texts = document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        foreach (var label in new[] { "kernel space", "heap (shared by all threads)", "BSS", "data", "text" })
            Assert.Contains(label, texts);
        Assert.Contains("stack: Program.Main", texts);
        Assert.Contains("stack: Program.Work", texts);
        Assert.Contains(texts, t => t.StartsWith("Worst call chain", StringComparison.Ordinal));
        Assert.DoesNotContain("href=\"http", svg.Stdout);

        var html = Cli.Run("simulate", _path, "--format", "html");
        Assert.Equal(0, html.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", html.Stdout);
        Assert.Contains("<svg", html.Stdout);
        Assert.DoesNotContain("<script", html.Stdout);
        Assert.DoesNotContain("<link", html.Stdout);
    }

    [Fact]
    public void Output_goes_to_the_file_and_nothing_to_stdout()
    {
        var file = Path.Combine(_folder.Path, "memory.json");
        var result = Cli.Run("simulate", _path, "--format", "json", "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(8, json.RootElement.GetProperty("pointerSize").GetInt32());
    }

    [Fact]
    public void Pointer_size_4_and_a_chosen_entry_with_its_stack_limit()
    {
        var json = Cli.Run("simulate", _path, "--format", "json", "--pointer-size", "4", "--entry", "Program.Work", "--stack-limit", "64KB").Json();

        Assert.Equal(4, json.GetProperty("pointerSize").GetInt32());
        var thread = Assert.Single(json.GetProperty("threads").EnumerateArray());
        Assert.Equal("Program.Work", thread.GetProperty("entry").GetString());
        Assert.Equal(64 * 1024, thread.GetProperty("stackLimit").GetInt64());
    }

    [Theory]
    [InlineData("--stack-limit", "lots")]
    [InlineData("--pointer-size", "2")]
    [InlineData("--recursion-depth", "0")]
    [InlineData("--loop-iterations", "-1")]
    [InlineData("--format", "png")]
    public void A_bad_option_value_is_bad_input(string option, string value) =>
        AssertBadInput(Cli.Run("simulate", _path, option, value), option);

    [Fact]
    public void An_entry_that_matches_nothing_or_several_methods_is_bad_input()
    {
        AssertBadInput(Cli.Run("simulate", _path, "--entry", "Program.Missing"), "--entry Program.Missing");
        _folder.Write("Other.cs", "static class Other { public static void Work() { } }");
        var ambiguous = Cli.Run("simulate", _folder.Path, "--entry", "Work");
        AssertBadInput(ambiguous, "--entry Work: matches");
        Assert.Contains("Other.Work", ambiguous.Stderr);
        Assert.Contains("Program.Work", ambiguous.Stderr);
    }

    [Fact]
    public void A_missing_path_or_an_unwritable_output_is_bad_input()
    {
        AssertBadInput(Cli.Run("simulate", Path.Combine(_folder.Path, "nope.cs")), "nope.cs");
        AssertBadInput(Cli.Run("simulate", _path, "--output", Path.Combine(_folder.Path, "no", "such", "folder", "out.svg")), "--output");
    }

    private static void AssertBadInput(CliResult result, string named)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(named, line);
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
