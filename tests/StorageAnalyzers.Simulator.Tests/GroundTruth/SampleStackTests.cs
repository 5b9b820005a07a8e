using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace StorageAnalyzers.Simulator.Tests.GroundTruth;

/// <summary>
/// The worst-case stack estimate of each sample entry point against the smallest thread stack that runs it: child
/// processes (<see cref="StackProbe"/>) run the entry on a thread of a given <c>maxStackSize</c>, bisected to the page;
/// the same search for an empty entry gives what the thread start and the probe itself take, which is subtracted, so
/// a measurement is good to one page (4 KB). Checked: warmed up (JIT and type initialisation done on another thread)
/// and fully optimized (<c>DOTNET_TieredCompilation=0</c>), the program's own frames, which the frame model describes:
/// the estimate must be at least the measurement and at most twice it. Printed too: a cold first run with tiering on,
/// as a program really starts (unoptimized frames, and the JIT and type loading working on the thread's stack).
/// </summary>
public class SampleStackTests(ITestOutputHelper output)
{
    private const int Page = 4096;
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);
    // The empty entry's need, the smaller of two searches: noise (a signal handled on the thread) only ever adds to it.
    private static readonly Lazy<long> WarmBaseline = new(() => Math.Min(Smallest(BaselineArguments(), warm: true), Smallest(BaselineArguments(), warm: true)));
    private static readonly Lazy<long> ColdBaseline = new(() => Math.Min(Smallest(BaselineArguments(), warm: false), Smallest(BaselineArguments(), warm: false)));

    /// <summary>The entries whose stack is more than a page or two: smaller ones are below what bisecting can resolve.</summary>
    public static TheoryData<string> Entries() => [.. Samples.Entries.Where(e => e.MeasureStack).Select(e => e.ToString())];

    [Theory]
    [MemberData(nameof(Entries))]
    public void The_stack_estimate_covers_the_smallest_stack_that_runs_the_entry_and_at_most_doubles_it(string name)
    {
        var entry = Samples.Entries.Single(e => e.ToString() == name);
        long estimate = entry.Simulate().Threads[0].WorstCase.TotalBytes; // the main thread runs the chosen entry

        string[] arguments = ["probe", entry.AssemblyPath, entry.TypeName, entry.Method];
        long warm = Smallest(arguments, warm: true) - WarmBaseline.Value;
        long cold = Smallest(arguments, warm: false) - ColdBaseline.Value;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stack {name}: estimate {estimate} B, measured {warm} B warm and optimized (ratio {Ratio(estimate, warm)}), {cold} B on a cold tiered first run (ratio {Ratio(estimate, cold)})"));
        if (entry.BlocksByTiming is { } blocks)
        {
            output.WriteLine("  varies by timing: " + blocks);
            Assert.InRange(estimate, warm - Page, long.MaxValue);
            return;
        }
        Assert.InRange(estimate, warm - Page, 2 * (warm + Page));
    }

    /// <summary>Calls that certainly block (Thread.Start waits for the new thread to run; the thread or work item the
    /// others wait for sleeps 50 ms first). Thread.Sleep is not
    /// one: measured the same way it stays within a page of the empty entry, and the model charges it as any library call.</summary>
    public static TheoryData<string> Waits() =>
        [nameof(StackProbe.StartOnly), nameof(StackProbe.JoinThatWaits), nameof(StackProbe.ResultThatWaits), nameof(StackProbe.SlimWaitThatWaits),
         nameof(StackProbe.MonitorWaitThatWaits), nameof(StackProbe.WaitOneThatWaits)];

    [Theory]
    [MemberData(nameof(Waits))]
    public void A_blocking_wait_costs_at_least_what_the_runtime_takes_below_it_and_at_most_twice(string wait)
    {
        string[] arguments = ["probe", typeof(StackProbe).Assembly.Location, typeof(StackProbe).FullName!, wait];
        long measured = Smallest(arguments, warm: true) - WarmBaseline.Value;
        long estimate = Core.LibraryCalls.BlockingWaitBytes;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wait {wait}: estimate {estimate} B, measured {measured} B warm and optimized (ratio {Ratio(estimate, measured)})"));
        Assert.InRange(estimate, measured - Page, 2 * (measured + Page));
    }

    private static string Ratio(long estimate, long measured) =>
        measured <= 0 ? "n/a" : ((double)estimate / measured).ToString("0.00", CultureInfo.InvariantCulture);

    private static string[] BaselineArguments() =>
        ["probe", typeof(StackProbe).Assembly.Location, typeof(StackProbe).FullName!, nameof(StackProbe.Nothing)];

    /// <summary>The smallest page-multiple stack size on which the probe runs to the end: doubling up from the padding
    /// (which alone must overflow) until a run succeeds, then bisecting.</summary>
    private static long Smallest(string[] arguments, bool warm)
    {
        long failing = StackProbe.PaddingBytes;
        Assert.False(Runs(arguments, failing, warm), $"{string.Join(' ', arguments)} runs within the padding alone: the probe measures nothing");
        long working = 2 * failing;
        while (!Runs(arguments, working, warm))
        {
            failing = working;
            working *= 2;
            Assert.True(working <= 256L * 1024 * 1024, $"{string.Join(' ', arguments)} overflows every stack up to 256 MB");
        }
        while (working - failing > Page)
        {
            long middle = (failing + working) / 2 / Page * Page;
            if (Runs(arguments, middle, warm)) working = middle;
            else failing = middle;
        }
        return working;
    }

    private static bool Runs(string[] arguments, long stackSize, bool warm)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(StackProbe).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(stackSize.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(warm ? "warm" : "cold");
        start.Environment["DOTNET_TieredCompilation"] = warm ? "0" : "1";
        // glibc keeps the stacks of finished threads and hands one up to four times larger to a new thread that asks
        // for less: after the warm-up (or the sample's own threads) the measured thread would get a bigger stack.
        start.Environment["GLIBC_TUNABLES"] = "glibc.pthread.stack_cache_size=0";
        // A stack overflow makes the runtime print the whole stack trace; nobody reads it here.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        using var process = Process.Start(start)!;
        var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        if (!process.WaitForExit(ChildTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the probe did not finish within {ChildTimeout.TotalSeconds} s: {string.Join(' ', arguments)} {stackSize}");
        }
        drained.Wait(ChildTimeout);
        return process.ExitCode == 0;
    }

    /// <summary>The dotnet that runs these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetPath()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
