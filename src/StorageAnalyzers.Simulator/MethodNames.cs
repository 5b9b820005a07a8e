using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// How the simulator names functions: <c>Namespace.Type.Method</c>, the way .NET stack traces do for ordinary methods
/// (constructors <c>Type..ctor</c>, type initializers <c>Type..cctor</c>, top-level statements
/// <c>Program.&lt;Main&gt;$</c>), and readable names where a stack trace shows compiler-generated ones: a local function
/// as <c>Type.Method.Local</c>, a lambda as <c>Type.Method.lambda@12</c> (its line).
/// </summary>
public static class MethodNames
{
    private static readonly SymbolDisplayFormat TypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    public static string Of(IMethodSymbol method)
    {
        switch (method.MethodKind)
        {
            case MethodKind.AnonymousFunction:
                var line = method.Locations.FirstOrDefault(l => l.IsInSource)?.GetLineSpan().StartLinePosition.Line + 1;
                return Container(method) + ".lambda" + (line is { } number ? "@" + number : "");
            case MethodKind.LocalFunction:
                return Container(method) + "." + method.Name;
            default:
                return method.ContainingType is { } type ? type.ToDisplayString(TypeFormat) + "." + method.Name : method.Name;
        }
    }

    /// <summary>
    /// The functions an <c>--entry</c> text names: an exact full name, else those whose name ends with it after a dot
    /// (<c>Parser.Parse</c> matches <c>Calc.Parser.Parse</c>). Lambdas are not entries.
    /// </summary>
    public static IReadOnlyList<IMethodSymbol> Matching(IEnumerable<IMethodSymbol> functions, string text)
    {
        var named = functions.Where(f => f.MethodKind != MethodKind.AnonymousFunction).Select(f => (Function: f, Name: Of(f))).ToList();
        var exact = named.Where(f => f.Name == text).Select(f => f.Function).ToList();
        return exact.Count > 0 ? exact : named.Where(f => f.Name.EndsWith("." + text, System.StringComparison.Ordinal)).Select(f => f.Function).ToList();
    }

    private static string Container(IMethodSymbol method) =>
        method.ContainingSymbol is IMethodSymbol outer ? Of(outer) : method.ContainingType?.ToDisplayString(TypeFormat) ?? "";
}
