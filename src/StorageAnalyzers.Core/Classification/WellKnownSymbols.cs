using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core.Classification;

/// <summary>Types the classifier compares against, looked up once per compilation.</summary>
internal sealed class WellKnownSymbols
{
    public WellKnownSymbols(Compilation compilation)
    {
        ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
        Span = compilation.GetTypeByMetadataName("System.Span`1");
        ReadOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        HasInlineArrays = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.InlineArrayAttribute") is not null;
        HasCreateSpan = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.RuntimeHelpers")
            ?.GetMembers("CreateSpan").Length > 0;
        FormattableString = compilation.GetTypeByMetadataName("System.FormattableString");
    }

    public INamedTypeSymbol? ThreadStaticAttribute { get; }
    public INamedTypeSymbol? Span { get; }
    public INamedTypeSymbol? ReadOnlySpan { get; }
    public INamedTypeSymbol? List { get; }
    public INamedTypeSymbol? FormattableString { get; }
    /// <summary>Collection expressions targeting spans use an inline array on the stack when the runtime has them (.NET 8+).</summary>
    public bool HasInlineArrays { get; }
    /// <summary>ReadOnlySpan of non-byte constants points into the image through RuntimeHelpers.CreateSpan (.NET 7+).</summary>
    public bool HasCreateSpan { get; }

    public bool IsSpan(ITypeSymbol? type) => type is INamedTypeSymbol n && SymbolEqualityComparer.Default.Equals(n.OriginalDefinition, Span);
    public bool IsReadOnlySpan(ITypeSymbol? type) => type is INamedTypeSymbol n && SymbolEqualityComparer.Default.Equals(n.OriginalDefinition, ReadOnlySpan);
}
