using System.Linq;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Rules;

/// <summary>How the stack rules name functions and where they put a function's diagnostic.</summary>
internal static class FunctionNames
{
    public static string Of(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda",
        MethodKind.Constructor or MethodKind.StaticConstructor => method.ContainingType.Name + " constructor",
        _ => method.ContainingType is { } type && method.MethodKind != MethodKind.LocalFunction ? type.Name + "." + method.Name : method.Name,
    };

    public static string Chain(System.Collections.Generic.IEnumerable<IMethodSymbol> methods) => string.Join(" -> ", methods.Select(Of));

    public static Location? LocationOf(IMethodSymbol method) => method.Locations.FirstOrDefault(l => l.IsInSource);
}
