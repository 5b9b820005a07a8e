using System.Runtime.CompilerServices;

namespace StorageAnalyzers.Simulator.Tests.GroundTruth;

/// <summary>
/// This test assembly's <c>Main</c>, started as a child process by <see cref="SampleStackTests"/>:
/// <c>probe ASSEMBLY TYPE METHOD MAX_STACK_SIZE cold|warm</c> runs the entry point on a new thread of that stack size,
/// under <see cref="PaddingBytes"/> of stack already in use, and exits 0; a stack overflow kills the process instead.
/// <c>warm</c> first runs the entry once on a roomy thread, so that the JIT, type loading and static constructors
/// (which run on the stack of the thread that first needs them) are done before the measured run.
/// The padding keeps every size tried above the platform's minimum thread stack, so that subtracting the size the
/// empty <see cref="Nothing"/> needs leaves exactly what the entry point needs.
/// </summary>
internal static class StackProbe
{
    public const int PaddingBytes = 64 * 1024;

    public static int Main(string[] args)
    {
        if (args is not ["probe", var assembly, var type, var method, var size, var mode and ("cold" or "warm")]) return 64;
        var entry = EntryInvoker.For(EntryInvoker.Find(assembly, type, method));
        Console.SetOut(TextWriter.Null);

        // The measured thread is created first, so that its stack is a fresh mapping of the asked size: glibc hands a
        // new thread a cached stack of a finished one (the warm-up's, or the entry's own threads') that is up to four
        // times larger than asked, and stack_cache_size=0 does not stop it while a finished thread is still being freed.
        using var go = new ManualResetEventSlim();
        var measured = new Thread(() =>
        {
            go.Wait();
            Padded(entry);
        }, int.Parse(size, System.Globalization.CultureInfo.InvariantCulture));
        measured.Start();
        if (mode == "warm")
        {
            var warmUp = new Thread(() => Padded(entry), RoomyStackBytes);
            warmUp.Start();
            warmUp.Join();
        }
        go.Set();
        measured.Join();
        return 0;
    }

    private const int RoomyStackBytes = 16 * 1024 * 1024;

    /// <summary>The baseline entry: the thread start, the padding and the call, with no frame of its own to speak of.</summary>
    public static void Nothing()
    {
    }

    public static void StartOnly() => new Thread(() => { }).Start();

    public static void JoinThatWaits()
    {
        var thread = new Thread(() => Thread.Sleep(50));
        thread.Start();
        thread.Join();
    }

    public static void ResultThatWaits() => _ = Task.Run(() => { Thread.Sleep(50); return 1; }).Result;

    public static void WaitOneThatWaits()
    {
        using var done = new ManualResetEvent(false);
        ThreadPool.QueueUserWorkItem(_ => { Thread.Sleep(50); done.Set(); });
        done.WaitOne();
    }

    public static void SlimWaitThatWaits()
    {
        using var done = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => { Thread.Sleep(50); done.Set(); });
        done.Wait();
    }

    public static void MonitorWaitThatWaits()
    {
        var gate = new object();
        lock (gate)
        {
            ThreadPool.QueueUserWorkItem(_ => { Thread.Sleep(50); lock (gate) Monitor.Pulse(gate); });
            Monitor.Wait(gate);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Padded(Action entry)
    {
        Span<byte> padding = stackalloc byte[PaddingBytes];
        padding[0] = 1;
        entry();
        padding[^1] = padding[0]; // used after the call, so the buffer stays in the frame
    }
}
