using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// How storage facts name a type: minimally qualified, without nullable reference annotations. An allocated object is
/// never null, and the names then read the same whether or not the code was bound with nullable analysis (the CLI
/// classifies without it, the analyzers get whatever the project uses).
/// </summary>
internal static class TypeNames
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.MinimallyQualifiedFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Of(ITypeSymbol? type) => type?.ToDisplayString(Format) ?? "?";
}
