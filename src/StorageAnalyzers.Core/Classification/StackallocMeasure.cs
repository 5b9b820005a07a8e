using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Core.Classification;

/// <summary>
/// What one stackalloc takes: count x element size by real layout; for a run-time count, the bound a guard in the
/// code allows (<see cref="StackallocBounds"/>). The one place both the classifier and the stack rules ask.
/// </summary>
internal sealed class StackallocMeasure
{
    private StackallocMeasure(long? size, long? maxSize, string? bound, string elementType, string reason)
    {
        Size = size;
        MaxSize = maxSize;
        Bound = bound;
        ElementType = elementType;
        Reason = reason;
    }

    public long? Size { get; }
    public long? MaxSize { get; }
    public string? Bound { get; }
    public string ElementType { get; }
    public string Reason { get; }

    public static AllocationSite Site(StorageModel model, SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken)
    {
        var buffer = Of(model, semanticModel, node, cancellationToken);
        return new AllocationSite(node.GetLocation(), AllocationKind.Stackalloc, StorageClass.Automatic,
            buffer?.ElementType ?? "?", buffer?.Size, FileClassifier.IsInLoop(node), AllocationCertainty.Emitted,
            buffer?.Reason ?? "stackalloc of an element type that does not bind yet", buffer?.MaxSize, buffer?.Bound);
    }

    public static StackallocMeasure? Of(StorageModel model, SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken)
    {
        ITypeSymbol? element = null;
        long? count = null;
        ExpressionSyntax? countExpression = null;
        switch (node)
        {
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax arrayType } explicitForm:
                element = semanticModel.GetTypeInfo(arrayType.ElementType, cancellationToken).Type;
                var sizeExpression = arrayType.RankSpecifiers.FirstOrDefault()?.Sizes.FirstOrDefault();
                if (sizeExpression is not null and not OmittedArraySizeExpressionSyntax)
                {
                    countExpression = sizeExpression;
                    if (semanticModel.GetConstantValue(sizeExpression, cancellationToken) is { HasValue: true, Value: int n })
                        count = n;
                }
                else if (explicitForm.Initializer is { } init)
                {
                    count = init.Expressions.Count;
                }
                break;
            case ImplicitStackAllocArrayCreationExpressionSyntax implicitForm:
                var converted = semanticModel.GetTypeInfo(implicitForm, cancellationToken);
                element = (converted.Type ?? converted.ConvertedType) switch
                {
                    IPointerTypeSymbol pointer => pointer.PointedAtType,
                    INamedTypeSymbol { TypeArguments.Length: 1 } span => span.TypeArguments[0],
                    _ => implicitForm.Initializer.Expressions.Count > 0 ? semanticModel.GetTypeInfo(implicitForm.Initializer.Expressions[0], cancellationToken).ConvertedType : null,
                };
                count = implicitForm.Initializer.Expressions.Count;
                break;
        }
        if (element is null || element.TypeKind == TypeKind.Error) return null;
        long? elementSize = model.Layout.IsKnown(element) ? model.Layout.SizeOf(element).Size : null;
        var name = TypeNames.Of(element);
        if (count is not null)
            return new StackallocMeasure(count * elementSize, count * elementSize, null, name, $"stackalloc of {count} x {name}");

        var bound = countExpression is null ? null : StackallocBounds.Find(semanticModel, countExpression, node, cancellationToken);
        var each = $"{name} ({elementSize?.ToString(CultureInfo.InvariantCulture) ?? "?"} bytes each)";
        return bound is { } b
            ? new StackallocMeasure(null, b.MaxCount * elementSize, b.Guard, name, $"stackalloc of a run-time count x {each}, at most {b.MaxCount} by {b.Guard}")
            : new StackallocMeasure(null, null, null, name, $"stackalloc of a run-time count x {each}, with no bound in the code");
    }
}
