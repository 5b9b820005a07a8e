using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.Core.Classification;

/// <summary>
/// Which locals of an async method or iterator the compiler hoists into the state machine in Release builds.
/// Mirrors Roslyn's capture walker: at every <c>await</c> and <c>yield return</c> all locals count as "clobbered";
/// a read of a clobbered local (one not written again since the suspension) must survive the suspension, so the
/// local becomes a field of the state machine. Runs as a may-analysis over the public control-flow graph.
/// </summary>
internal static class SuspensionHoisting
{
    public static HashSet<ILocalSymbol> LocalsLiveAcrossSuspension(ControlFlowGraph graph, IMethodSymbol function)
    {
        var hoisted = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        // Only the function's own locals can be clobbered: each gets a bit in the per-block states.
        var ownLocals = new Dictionary<ILocalSymbol, int>(SymbolEqualityComparer.Default);
        var blocks = graph.Blocks;
        foreach (var block in blocks)
        {
            foreach (var op in block.Operations) NoteOwnLocals(op, function, ownLocals);
            if (block.BranchValue is { } branch) NoteOwnLocals(branch, function, ownLocals);
        }
        if (ownLocals.Count == 0) return hoisted;

        int words = (ownLocals.Count + 63) / 64;
        var inStates = new ulong[blocks.Length][];
        var outStates = new ulong[blocks.Length][];
        for (int i = 0; i < blocks.Length; i++)
        {
            inStates[i] = new ulong[words];
            outStates[i] = new ulong[words];
        }

        var state = new ulong[words];
        var walker = new Walker(state, ownLocals, hoisted);
        // Sweep to a fixpoint; states only grow and are bounded by the local count, so this terminates.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var block in blocks)
            {
                var incoming = inStates[block.Ordinal];
                foreach (var branch in block.Predecessors)
                {
                    UnionWith(incoming, outStates[branch.Source.Ordinal]);
                    foreach (var region in branch.FinallyRegions)
                        UnionBlocks(incoming, outStates, blocks, region);
                }
                // A handler may start after any point of its try block.
                if (HandlerStartingAt(block) is { } tryRegion)
                {
                    UnionBlocks(incoming, inStates, blocks, tryRegion);
                    UnionBlocks(incoming, outStates, blocks, tryRegion);
                }

                incoming.AsSpan().CopyTo(state); // a word or two: a span copy, not Array.Copy's type checks
                foreach (var op in block.Operations) walker.Visit(op);
                walker.Visit(block.BranchValue);
                if (!state.AsSpan().SequenceEqual(outStates[block.Ordinal]))
                {
                    state.AsSpan().CopyTo(outStates[block.Ordinal]);
                    changed = true;
                }
            }
        }
        return hoisted;
    }

    private static void NoteOwnLocals(IOperation operation, IMethodSymbol function, Dictionary<ILocalSymbol, int> ownLocals)
    {
        foreach (var reference in operation.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            if (SymbolEqualityComparer.Default.Equals(reference.Local.ContainingSymbol, function) && !ownLocals.ContainsKey(reference.Local))
                ownLocals.Add(reference.Local, ownLocals.Count);
    }

    private static void UnionWith(ulong[] into, ulong[] from)
    {
        for (int i = 0; i < into.Length; i++) into[i] |= from[i];
    }

    private static void UnionBlocks(ulong[] into, ulong[][] states, IReadOnlyList<BasicBlock> blocks, ControlFlowRegion region)
    {
        for (int i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++) UnionWith(into, states[blocks[i].Ordinal]);
    }

    /// <summary>For the first block of a catch or finally region, the try region it guards.</summary>
    private static ControlFlowRegion? HandlerStartingAt(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Finally or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler
                && region.EnclosingRegion is { } tryAnd && tryAnd.NestedRegions.Length > 0 && tryAnd.NestedRegions[0].Kind == ControlFlowRegionKind.Try)
                return tryAnd.NestedRegions[0];
        }
        return null;
    }

    /// <summary>Visits one operation tree in evaluation order, tracking clobbered locals.</summary>
    private sealed class Walker
    {
        private readonly ulong[] _clobbered;
        private readonly Dictionary<ILocalSymbol, int> _own;
        private readonly HashSet<ILocalSymbol> _hoisted;

        /// <param name="clobbered">One bit per own local (numbered by <paramref name="own"/>), updated in place.</param>
        public Walker(ulong[] clobbered, Dictionary<ILocalSymbol, int> own, HashSet<ILocalSymbol> hoisted)
        {
            _clobbered = clobbered;
            _own = own;
            _hoisted = hoisted;
        }

        public void Visit(IOperation? operation)
        {
            switch (operation)
            {
                case null:
                    return;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Visit(assignment.Value);
                    Write(target.Local);
                    return;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound:
                    Read(target.Local);
                    Visit(compound.Value);
                    Write(target.Local);
                    return;
                case IDeconstructionAssignmentOperation deconstruction:
                    Visit(deconstruction.Value);
                    foreach (var local in deconstruction.Target.DescendantsAndSelf().OfType<ILocalReferenceOperation>()) Write(local.Local);
                    return;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out } outArgument
                    when ((outArgument.Value as IDeclarationExpressionOperation)?.Expression ?? outArgument.Value) is ILocalReferenceOperation outLocal:
                    Write(outLocal.Local);
                    return;
                case ILocalReferenceOperation { IsDeclaration: true } declared:
                    Write(declared.Local);
                    return;
                case ILocalReferenceOperation read:
                    Read(read.Local);
                    return;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }:
                    Write(declared);
                    return;
                case IRecursivePatternOperation recursive:
                    foreach (var child in recursive.ChildOperations) Visit(child);
                    if (recursive.DeclaredSymbol is ILocalSymbol named) Write(named);
                    return;
                case IAwaitOperation await:
                    Visit(await.Operation);
                    ClobberAll();
                    return;
                case IReturnOperation { Kind: OperationKind.YieldReturn } yieldReturn:
                    Visit(yieldReturn.ReturnedValue);
                    ClobberAll();
                    return;
                case IFlowAnonymousFunctionOperation:
                    // A lambda's reads happen when it runs; variables it captures live in a display class anyway.
                    return;
                default:
                    foreach (var child in operation.ChildOperations) Visit(child);
                    return;
            }
        }

        private void Read(ILocalSymbol local)
        {
            if (_own.TryGetValue(local, out int bit) && (_clobbered[bit >> 6] & (1UL << bit)) != 0) _hoisted.Add(local);
        }

        private void Write(ILocalSymbol local)
        {
            if (_own.TryGetValue(local, out int bit)) _clobbered[bit >> 6] &= ~(1UL << bit);
        }

        private void ClobberAll()
        {
            for (int bit = 0; bit < _own.Count; bit++) _clobbered[bit >> 6] |= 1UL << bit;
        }
    }
}
