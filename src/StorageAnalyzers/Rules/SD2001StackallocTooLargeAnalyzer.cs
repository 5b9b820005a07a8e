using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Rules;

/// <summary>SD2001: a stackalloc whose constant size in bytes exceeds the configured stackalloc limit.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2001StackallocTooLargeAnalyzer : StackallocAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.StackallocTooLarge,
        title: "stackalloc exceeds the stackalloc limit",
        messageFormat: "stackalloc of {0} takes {1} bytes of stack, over the stackalloc limit of {2}",
        RuleCategories.Stack,
        DiagnosticSeverity.Warning,
        description: "A stackalloc whose size (count x element size by real layout) is larger than storage_analyzers.stackalloc_limit. Stack overflow ends the process with no chance to catch it; large buffers belong on the heap or in a pool.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override Diagnostic? Check(AllocationSite site, AnalyzerOptions options, SyntaxTree tree)
    {
        if (site.SizeBytes is not { } size) return null;
        var limit = Settings.StackallocLimit.Read(options.AnalyzerConfigOptionsProvider, tree, RuleIds.StackallocTooLarge);
        if (size <= limit) return null;
        return Diagnostic.Create(Descriptor, site.Location, StackallocProperties.Of(site, limit),
            site.Reason.Replace("stackalloc of ", ""), size, Settings.FormatSize(limit));
    }
}
