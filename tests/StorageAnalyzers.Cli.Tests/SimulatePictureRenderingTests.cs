using System.Diagnostics;
using Xunit.Abstractions;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>Runs only where Debian's <c>chromium</c> is installed (.ci/run installs it); skipped elsewhere, saying why.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null) Skip = "chromium is not installed (apt-get install -y chromium): the picture is not rendered";
    }
}

internal static class Chromium
{
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Headless Chromium as root in a sandboxed CI: no GPU, no sandbox, nothing fetched, a fresh profile.</summary>
    public static string Run(string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 90 s");
        }
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}

/// <summary>The SVG and HTML of <c>simulate</c>, rendered by a real browser: every segment is on the page it draws.</summary>
public sealed class SimulatePictureRenderingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Segments =
        ["kernel space", "stack: Program.Main", "stack: Program.Work", "heap (shared by all threads)", "BSS", "data", "text", "Worst call chain"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [ChromiumFact]
    public void Chromium_renders_the_svg_and_the_html_with_every_segment()
    {
        var source = _folder.Write("Program.cs", """
            using System.Threading;
            static class Program
            {
                static int Answer = 42;
                static void Main() => new Thread(Work, 256 * 1024).Start();
                static unsafe void Work() { byte* canvas = stackalloc byte[8000]; canvas[0] = (byte)Answer; }
            }
            """);
        foreach (var format in new[] { "svg", "html" })
        {
            var page = Path.Combine(_folder.Path, "memory." + format);
            Assert.Equal(0, Cli.Run("simulate", source, "--format", format, "--output", page).ExitCode);
            var profile = Directory.CreateDirectory(Path.Combine(_folder.Path, "profile-" + format)).FullName;

            var dom = Chromium.Run(profile, "--dump-dom", new Uri(page).AbsoluteUri);
            foreach (var segment in Segments) Assert.Contains(segment, dom);

            var screenshot = Path.Combine(_folder.Path, format + ".png");
            Chromium.Run(profile, "--window-size=1120,800", "--screenshot=" + screenshot, new Uri(page).AbsoluteUri);
            Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot should show a picture, not a blank page");
            output.WriteLine($"{format}: rendered {dom.Length} characters of DOM, screenshot {new FileInfo(screenshot).Length} bytes");
        }
    }
}
