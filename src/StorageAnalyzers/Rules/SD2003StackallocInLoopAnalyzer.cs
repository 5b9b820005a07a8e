using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD2003: a stackalloc that runs once per loop iteration. Stack memory is released only when the method returns,
/// so every iteration takes more. A stackalloc in the collection of a foreach runs once and is not reported
/// (CA2014 reports it); one in a lambda or local function declared in a loop belongs to that function's frame.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2003StackallocInLoopAnalyzer : StackallocAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.StackallocInLoop,
        title: "stackalloc inside a loop",
        messageFormat: "stackalloc of {0} inside a loop takes {1} more bytes of stack on every iteration until the method returns",
        RuleCategories.Stack,
        DiagnosticSeverity.Warning,
        description: "Stack memory from stackalloc is released only when the method returns; inside a loop, each iteration allocates again and a long loop overflows the stack.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override Diagnostic? Check(AllocationSite site, AnalyzerOptions options, SyntaxTree tree)
    {
        if (!site.InLoop) return null;
        var size = site.SizeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? (site.MaxSizeBytes is { } max ? $"up to {max}" : "a run-time number of");
        return Diagnostic.Create(Descriptor, site.Location, StackallocProperties.Of(site, limit: null), site.TypeName, size);
    }
}
