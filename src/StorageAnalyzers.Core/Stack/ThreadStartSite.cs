using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>How code hands a delegate to another thread.</summary>
public enum ThreadStartKind
{
    /// <summary><c>new Thread(start)</c> or <c>new Thread(start, maxStackSize)</c>: a dedicated thread.</summary>
    Thread,
    /// <summary><c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>ThreadPool.QueueUserWorkItem</c> and
    /// <c>ThreadPool.UnsafeQueueUserWorkItem</c>: a thread-pool thread (or, for a long-running task, a new thread),
    /// always with the runtime's default stack size.</summary>
    ThreadPool,
}

/// <summary>A place in source that starts code on another thread, so on another stack with its own entry.</summary>
public sealed class ThreadStartSite
{
    public ThreadStartSite(Location location, IMethodSymbol creator, IMethodSymbol? start, int? maxStackSize,
        ThreadStartKind kind = ThreadStartKind.Thread)
    {
        Location = location;
        Creator = creator;
        Start = start;
        MaxStackSize = maxStackSize;
        Kind = kind;
    }

    /// <summary>The <c>new Thread(...)</c> expression or the <c>Task.Run(...)</c>-like invocation.</summary>
    public Location Location { get; }

    /// <summary>The function that creates the thread or queues the work.</summary>
    public IMethodSymbol Creator { get; }

    /// <summary>The thread's entry when the start delegate is a lambda or a method group at the site; null when it
    /// comes from elsewhere (a variable, a field, a call).</summary>
    public IMethodSymbol? Start { get; }

    /// <summary>The <c>maxStackSize</c> argument: 0 when absent or 0 (the runtime's default stack size, always for
    /// <see cref="ThreadStartKind.ThreadPool"/>), null when it is not a constant. The runtime raises sizes below its
    /// minimum (a platform-dependent page multiple) to that minimum.</summary>
    public int? MaxStackSize { get; }

    public ThreadStartKind Kind { get; }

    public override string ToString() => Kind == ThreadStartKind.ThreadPool
        ? $"thread-pool work {Start?.Name ?? "?"} in {Creator.Name}"
        : $"new Thread({Start?.Name ?? "?"}, {(MaxStackSize is { } size ? size == 0 ? "default" : size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}) in {Creator.Name}";
}
