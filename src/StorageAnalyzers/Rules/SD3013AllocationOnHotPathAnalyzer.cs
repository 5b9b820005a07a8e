using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD3013: any heap allocation (the sites SD3001-SD3010 and SD1002 know: objects, arrays, boxes, closures, delegates,
/// strings, params arrays, enumerators, state machines, iterators, anonymous objects, collections) inside code marked
/// with an attribute named HotPath or PerformanceSensitive. A warning, so it runs in command-line builds and fails CI.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3013AllocationOnHotPathAnalyzer : HeapAllocationAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.AllocationOnHotPath,
        "Heap allocation on a hot path",
        "On a hot path, " + MessageFormat,
        RuleCategories.Heap,
        DiagnosticSeverity.Warning,
        "Code marked [HotPath] or [PerformanceSensitive] should not allocate on the heap: every allocation there is reported as a warning, with what is allocated, the bytes, whether it happens per loop iteration, and why.");

    protected override DiagnosticDescriptor Rule => Descriptor;

    protected override bool Matches(AllocationSite site, SyntaxNode node) => HotPaths.Contains(node);

    // A warning rule runs in every build: files without a hot-path attribute are not classified at all.
    protected override bool MayReport(SyntaxNode root) => HotPaths.AnyIn(root);

    protected override string Describe(AllocationSite site) => site.Kind switch
    {
        AllocationKind.Boxing => $"boxing of {site.TypeName}",
        AllocationKind.Closure => "a closure",
        AllocationKind.String => "a new string",
        AllocationKind.StateMachine => "the async state machine",
        AllocationKind.Iterator => "the iterator object",
        AllocationKind.Enumerator => $"an enumerator ({site.TypeName})",
        AllocationKind.AnonymousType => "an anonymous-type object",
        AllocationKind.Delegate => Article($"{site.TypeName} delegate"),
        AllocationKind.ParamsArray => $"a params array {site.TypeName}",
        AllocationKind.Array => $"a new array {site.TypeName}",
        AllocationKind.Object => $"a new {site.TypeName}",
        _ => $"a {site.Kind.ToJsonValue().Replace('-', ' ')} ({site.TypeName})",
    };
}
