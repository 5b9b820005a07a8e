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
        var blocks = graph.Blocks;
        var inStates = new HashSet<ILocalSymbol>[blocks.Length];
        var outStates = new HashSet<ILocalSymbol>[blocks.Length];
        for (int i = 0; i < blocks.Length; i++)
        {
            inStates[i] = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            outStates[i] = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        }

        var ownLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var block in blocks)
            foreach (var op in BlockOperations(block))
                foreach (var reference in op.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                    if (SymbolEqualityComparer.Default.Equals(reference.Local.ContainingSymbol, function))
                        ownLocals.Add(reference.Local);

        var hoisted = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        // Sweep to a fixpoint; states only grow and are bounded by the local count, so this terminates.
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var block in blocks)
            {
                var incoming = inStates[block.Ordinal];
                foreach (var branch in block.Predecessors)
                {
                    incoming.UnionWith(outStates[branch.Source.Ordinal]);
                    foreach (var region in branch.FinallyRegions)
                        UnionBlocks(incoming, outStates, blocks, region);
                }
                // A handler may start after any point of its try block.
                if (HandlerStartingAt(block) is { } tryRegion)
                {
                    UnionBlocks(incoming, inStates, blocks, tryRegion);
                    UnionBlocks(incoming, outStates, blocks, tryRegion);
                }

                var state = new HashSet<ILocalSymbol>(incoming, SymbolEqualityComparer.Default);
                var walker = new Walker(state, ownLocals, hoisted);
                foreach (var op in BlockOperations(block)) walker.Visit(op);
                if (!state.SetEquals(outStates[block.Ordinal]))
                {
                    outStates[block.Ordinal] = state;
                    changed = true;
                }
            }
        }
        return hoisted;
    }

    private static IEnumerable<IOperation> BlockOperations(BasicBlock block) =>
        block.BranchValue is null ? block.Operations : block.Operations.Append(block.BranchValue);

    private static void UnionBlocks(HashSet<ILocalSymbol> into, HashSet<ILocalSymbol>[] states, IReadOnlyList<BasicBlock> blocks, ControlFlowRegion region)
    {
        for (int i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++) into.UnionWith(states[blocks[i].Ordinal]);
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
        private readonly HashSet<ILocalSymbol> _clobbered;
        private readonly HashSet<ILocalSymbol> _all;
        private readonly HashSet<ILocalSymbol> _hoisted;

        public Walker(HashSet<ILocalSymbol> clobbered, HashSet<ILocalSymbol> all, HashSet<ILocalSymbol> hoisted)
        {
            _clobbered = clobbered;
            _all = all;
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
                    _clobbered.UnionWith(_all);
                    return;
                case IReturnOperation { Kind: OperationKind.YieldReturn } yieldReturn:
                    Visit(yieldReturn.ReturnedValue);
                    _clobbered.UnionWith(_all);
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
            if (_clobbered.Contains(local)) _hoisted.Add(local);
        }

        private void Write(ILocalSymbol local) => _clobbered.Remove(local);
    }
}
