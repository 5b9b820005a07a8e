using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>A <c>new Thread(start)</c> or <c>new Thread(start, maxStackSize)</c> in source: a new stack with its own entry.</summary>
public sealed class ThreadStartSite
{
    public ThreadStartSite(Location location, IMethodSymbol creator, IMethodSymbol? start, int? maxStackSize)
    {
        Location = location;
        Creator = creator;
        Start = start;
        MaxStackSize = maxStackSize;
    }

    /// <summary>The <c>new Thread(...)</c> expression.</summary>
    public Location Location { get; }

    /// <summary>The function that creates the thread.</summary>
    public IMethodSymbol Creator { get; }

    /// <summary>The thread's entry when the start delegate is a lambda or a method group at the site; null when it
    /// comes from elsewhere (a variable, a field, a call).</summary>
    public IMethodSymbol? Start { get; }

    /// <summary>The <c>maxStackSize</c> argument: 0 when absent or 0 (the runtime's default stack size), null when it
    /// is not a constant. The runtime raises sizes below its minimum (a platform-dependent page multiple) to that minimum.</summary>
    public int? MaxStackSize { get; }

    public override string ToString() =>
        $"new Thread({Start?.Name ?? "?"}, {(MaxStackSize is { } size ? size == 0 ? "default" : size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}) in {Creator.Name}";
}
