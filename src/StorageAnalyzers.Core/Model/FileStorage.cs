using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>The storage facts of one syntax tree, in source order.</summary>
public sealed class FileStorage
{
    public FileStorage(SyntaxTree tree, ImmutableArray<VariableStorage> variables, ImmutableArray<AllocationSite> allocations)
    {
        Tree = tree;
        Variables = variables;
        Allocations = allocations;
    }

    public SyntaxTree Tree { get; }
    public ImmutableArray<VariableStorage> Variables { get; }
    public ImmutableArray<AllocationSite> Allocations { get; }
}
