using StorageAnalyzers.Core;

namespace StorageAnalyzers.Cli.Output;

/// <summary>The storage facts of one source file, with its path relative to the input root, ready to print.</summary>
internal sealed class ClassifiedFile(string path, FileStorage storage)
{
    public string Path { get; } = path;

    /// <summary>Variables in source order (line, then column), whatever order the model gave them in.</summary>
    public IReadOnlyList<VariableStorage> Variables { get; } = [.. storage.Variables.OrderBy(v => Position.Of(v.Location))];

    /// <summary>Allocation sites in source order.</summary>
    public IReadOnlyList<AllocationSite> Allocations { get; } = [.. storage.Allocations.OrderBy(a => Position.Of(a.Location))];
}
