using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD2002: a stackalloc with a run-time count that no guard bounds, or that a guard bounds above the limit.
/// Recognised guards: <c>n &lt;= K ? stackalloc T[n] : ...</c>, an enclosing <c>if (n &lt;= K)</c>,
/// an earlier <c>if (n &gt; K) throw/return;</c>, <c>Math.Min(n, K)</c>, <c>Math.Clamp(n, lo, K)</c>, small integer types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2002UnboundedStackallocAnalyzer : StackallocAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.UnboundedStackalloc,
        title: "stackalloc size is not bounded by the stackalloc limit",
        messageFormat: "stackalloc of a run-time count of {0} {1}",
        RuleCategories.Stack,
        DiagnosticSeverity.Warning,
        description: "A stackalloc whose count is only known at run time must be bounded by a guard that dominates it (n <= K ? stackalloc T[n] : new T[n], if (n > K) throw, Math.Min(n, K)) so that it never exceeds storage_analyzers.stackalloc_limit.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override Diagnostic? Check(AllocationSite site, AnalyzerOptions options, SyntaxTree tree)
    {
        if (site.SizeBytes is not null) return null; // a constant size is SD2001's business
        var limit = Settings.StackallocLimit.Read(options.AnalyzerConfigOptionsProvider, tree, RuleIds.UnboundedStackalloc);
        string detail;
        if (site.Bound is null)
            detail = $"has no bound in the code: a large count overflows the stack (limit {Settings.FormatSize(limit)})";
        else if (site.MaxSizeBytes is { } max && max > limit)
            detail = $"can take up to {max} bytes ({site.Bound}), over the stackalloc limit of {Settings.FormatSize(limit)}";
        else
            return null; // bounded within the limit, or bounded with an element size we cannot know
        return Diagnostic.Create(Descriptor, site.Location, StackallocProperties.Of(site, limit), site.TypeName, detail);
    }
}
