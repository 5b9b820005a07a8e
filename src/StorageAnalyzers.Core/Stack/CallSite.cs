using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// One place where a function calls others: an invocation, an object creation, an accessor use, an operator, or the
/// creation of a delegate to a lambda or method (assumed invoked by its creator). The simulator counts how often each
/// runs, so unlike the graph's edges, two calls of the same method are two sites.
/// </summary>
public sealed class CallSite
{
    public CallSite(Location location, ImmutableArray<IMethodSymbol> targets, IMethodSymbol? called = null)
    {
        Location = location;
        Targets = targets;
        Called = called;
    }

    /// <summary>The method as the call names it, with its type arguments (<c>Task.Run&lt;ulong&gt;</c>), where
    /// <see cref="Targets"/> has the original definitions; null for a lambda's creation or an implicit <c>base()</c>.</summary>
    public IMethodSymbol? Called { get; }

    /// <summary>The calling syntax; <see cref="Location.None"/> for a call with none (a constructor's implicit
    /// <c>base()</c>).</summary>
    public Location Location { get; }

    /// <summary>The bodies that may run: one for a direct call, the target and every override or implementation in
    /// source for a virtual or interface call (exactly one of them runs per call).</summary>
    public ImmutableArray<IMethodSymbol> Targets { get; }

    public override string ToString() => $"call of {string.Join(" | ", Targets)} at {Location.GetLineSpan().StartLinePosition}";
}
