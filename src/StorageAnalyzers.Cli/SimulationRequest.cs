namespace StorageAnalyzers.Cli;

/// <summary>What <c>simulate</c> was asked, options parsed and checked.</summary>
internal sealed record SimulationRequest(string Path, string? Entry, long StackLimit, int PointerSize, int LoopIterations, int RecursionDepth);
