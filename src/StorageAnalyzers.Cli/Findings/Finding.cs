using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Cli.Findings;

/// <summary>One diagnostic of the stack rules, placed in the input (path relative to the root, 1-based lines and columns).</summary>
internal sealed record Finding(string File, int Line, int Column, int EndLine, int EndColumn, Diagnostic Diagnostic)
{
    /// <summary>What fails a CI run under --fail-on-warning.</summary>
    public bool IsWarningOrAbove => Diagnostic.Severity >= DiagnosticSeverity.Warning;

    /// <summary>The finding as MSBuild prints a diagnostic: <c>src/A.cs(12,28): warning SD2001: message</c>.</summary>
    public override string ToString() =>
        $"{File}({Line},{Column}): {Diagnostic.Severity.ToString().ToLowerInvariant()} {Diagnostic.Id}: {Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
