using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.CodeFixes;

/// <summary>The properties SD1002 and the SD3xxx heap rules put on an allocation-site diagnostic, and where they point.</summary>
internal static class AllocationDiagnostic
{
    public static bool IsKind(Diagnostic diagnostic, AllocationKind kind) =>
        diagnostic.Properties.TryGetValue("kind", out var value) && value == kind.ToJsonValue();

    public static bool IsInLoop(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue("inLoop", out var value) && value == "true";

    /// <summary>
    /// The call a boxing site belongs to: SD3001 points at a boxed argument, or at the whole call when the receiver
    /// is the one boxed (a struct calling a method it does not override).
    /// </summary>
    public static InvocationExpressionSyntax? BoxingCall(SyntaxNode site) => site switch
    {
        InvocationExpressionSyntax call => call,
        ExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } } => call,
        _ => null,
    };
}
