using Microsoft.CodeAnalysis;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.CodeFixes;

/// <summary>The properties SD1002 and the SD3xxx heap rules put on an allocation-site diagnostic.</summary>
internal static class AllocationDiagnostic
{
    public static bool IsKind(Diagnostic diagnostic, AllocationKind kind) =>
        diagnostic.Properties.TryGetValue("kind", out var value) && value == kind.ToJsonValue();

    public static bool IsInLoop(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue("inLoop", out var value) && value == "true";
}
