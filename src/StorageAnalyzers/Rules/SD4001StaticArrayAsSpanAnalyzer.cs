using System.Threading;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD4001: a private <c>static readonly</c> array of primitive constants that is only read (indexed, its
/// <c>Length</c>, <c>foreach</c>, viewed as a <c>ReadOnlySpan&lt;T&gt;</c>) can be a <c>static ReadOnlySpan&lt;T&gt;</c>
/// property over the same constants: the compiler points it into the assembly image (RVA data), so the heap array and
/// the type initializer's store go away. The field is private, so every use is inside the declarations of its type
/// (nested types included): the file that declares a candidate looks its name up there. Not a symbol-start action:
/// with one, an IDE analysing one file of a partial type must analyse every part of every type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD4001StaticArrayAsSpanAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.StaticArrayAsSpan,
        title: "Static readonly array can be a ReadOnlySpan property",
        messageFormat: "'{0}' can be a static ReadOnlySpan<{1}> property over the same constants: they stay in the assembly image, saving a {2}-byte heap array",
        RuleCategories.Static,
        DiagnosticSeverity.Info,
        description: "A static readonly array of constants is built on the heap by the type initializer. When it is never written or handed out as an array, a static ReadOnlySpan<T> property returning the same constants reads them straight from the assembly image: no heap array, no initializer store.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model)
    {
        var compilation = context.Compilation;
        var readOnlySpan = compilation.GetTypeByMetadataName("System.ReadOnlySpan`1");
        if (readOnlySpan is null) return;
        // Wider than a byte, the constants reach the image only through RuntimeHelpers.CreateSpan (.NET 7+); without
        // it the property would allocate a new array on every access.
        bool hasCreateSpan = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.RuntimeHelpers")?.GetMembers("CreateSpan").Length > 0;

        context.RegisterSemanticModelAction(c =>
        {
            var semanticModel = c.SemanticModel;
            var root = semanticModel.SyntaxTree.GetRoot(c.CancellationToken);
            // Declarations only: fields are members of types, never inside bodies.
            foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is not FieldDeclarationSyntax { Declaration: { Type: ArrayTypeSyntax, Variables.Count: 1 } variableDeclaration } declaration
                    || variableDeclaration.Variables[0] is not { Initializer: { } initializer } declarator
                    || !declaration.Modifiers.Any(SyntaxKind.StaticKeyword) || !declaration.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                    || c.FilterSpan is { } span && !span.IntersectsWith(declarator.Span))
                    continue;
                if (semanticModel.GetDeclaredSymbol(declarator, c.CancellationToken) is not IFieldSymbol field || !IsCandidate(field, hasCreateSpan)
                    || semanticModel.GetOperation(initializer, c.CancellationToken) is not IFieldInitializerOperation { Value: var value }
                    || ConstantCount(value) is not int length || length == 0
                    || !OnlyReadOnlySpanUses(field, readOnlySpan, semanticModel, c.CancellationToken))
                    continue;
                var element = ((IArrayTypeSymbol)field.Type).ElementType;
                c.ReportDiagnostic(Diagnostic.Create(Descriptor, field.Locations[0], field.Name,
                    element.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    model.Layout.ArraySize(element, length).ToString(CultureInfo.InvariantCulture)));
            }
        });
    }

    /// <summary>
    /// Every use of the field, in every declaration of its type (other parts of a partial type through their own
    /// semantic models), is one a <c>ReadOnlySpan&lt;T&gt;</c> property allows.
    /// </summary>
    private static bool OnlyReadOnlySpanUses(IFieldSymbol field, INamedTypeSymbol readOnlySpan, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            // Another part of a partial type: asked only for a candidate field (rare), and through the compilation, so
            // the driver's semantic model cache serves it when it holds that file's model.
#pragma warning disable RS1030
            var model = declaration.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : semanticModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            foreach (var name in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name) continue;
                // The field reference is the member access around the name (Tables.Magic), or the name itself.
                SyntaxNode use = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
                    : name.Parent is MemberBindingExpressionSyntax binding ? binding : name;
                if (model.GetOperation(use, cancellationToken) is IFieldReferenceOperation operation)
                {
                    if (SymbolEqualityComparer.Default.Equals(operation.Field.OriginalDefinition, field)
                        && !IsReadOnlySpanUse(operation, readOnlySpan, model.GetEnclosingSymbol(use.SpanStart, cancellationToken)))
                        return false;
                }
                else if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, field))
                {
                    return false; // a use the operation tree does not show (half-typed code): keep the array
                }
            }
        }
        return true;
    }

    /// <summary>A private static readonly one-dimensional array of an element type the image can hold, declared alone.</summary>
    private static bool IsCandidate(IFieldSymbol field, bool hasCreateSpan) =>
        field is { IsStatic: true, IsReadOnly: true, IsConst: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Private }
        && field.ContainingType.TypeKind is TypeKind.Class or TypeKind.Struct
        && field.Type is IArrayTypeSymbol { Rank: 1 } array && IsImageElement(array.ElementType, hasCreateSpan)
        && field.GetAttributes().IsEmpty
        && field.DeclaringSyntaxReferences.Length == 1
        && field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } };

    /// <summary>The element types whose constant data the compiler can point at in the image (as the storage model says).</summary>
    private static bool IsImageElement(ITypeSymbol element, bool hasCreateSpan) =>
        element.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean
        || hasCreateSpan && (element.TypeKind == TypeKind.Enum || element.SpecialType is SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Char or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double);

    /// <summary>The element count of an initializer made only of constants (<c>{ 1, 2 }</c>, <c>new byte[] { ... }</c>, <c>[1, 2]</c>), else null.</summary>
    private static int? ConstantCount(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        return value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } when initializer.ElementValues.All(e => e.ConstantValue.HasValue) => initializer.ElementValues.Length,
            ICollectionExpressionOperation collection when collection.Elements.All(e => e.ConstantValue.HasValue) => collection.Elements.Length,
            _ => null,
        };
    }

    /// <summary>
    /// A use that compiles, and means the same, when the field becomes a <c>ReadOnlySpan&lt;T&gt;</c> property: an
    /// element read, <c>Length</c>, a <c>foreach</c> outside async and iterator code (the span enumerator cannot
    /// live there), a conversion to <c>ReadOnlySpan&lt;T&gt;</c>, or <c>field.AsSpan(...)</c> used as one (which the
    /// code fix rewrites). Anything else (a write, an element write, the array passed, stored or returned) is not.
    /// </summary>
    private static bool IsReadOnlySpanUse(IFieldReferenceOperation reference, INamedTypeSymbol readOnlySpan, ISymbol? member) => reference.Parent switch
    {
        IPropertyReferenceOperation { Property.Name: "Length" } => true,
        IArrayElementReferenceOperation element => element.Indices.All(i => i.Type is { SpecialType: SpecialType.System_Int32 } or { Name: "Index", ContainingNamespace.Name: "System" })
            && IsRead(element),
        IForEachLoopOperation loop => !IsInAsyncOrIterator(loop, member),
        IConversionOperation conversion => IsReadOnlySpanOf(conversion.Type, reference, readOnlySpan)
            || conversion.Parent is IForEachLoopOperation loop && !IsInAsyncOrIterator(loop, member),
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "AsSpan", IsExtensionMethod: true } asSpan } call }
            => asSpan.ContainingType.Name == "MemoryExtensions"
               && call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } && access.Expression == reference.Syntax
               && call.Arguments.Skip(1).All(a => a.Value.Type?.SpecialType == SpecialType.System_Int32)
               && call.Parent is IConversionOperation converted && IsReadOnlySpanOf(converted.Type, reference, readOnlySpan),
        _ => false,
    };

    private static bool IsReadOnlySpanOf(ITypeSymbol? type, IFieldReferenceOperation reference, INamedTypeSymbol readOnlySpan) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, readOnlySpan)
        && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], ((IArrayTypeSymbol)reference.Field.Type).ElementType);

    /// <summary>The element is read by value: not assigned, incremented, passed by reference or taken as a ref.</summary>
    private static bool IsRead(IArrayElementReferenceOperation element) => element.Parent switch
    {
        IAssignmentOperation assignment => assignment.Value == element,
        IIncrementOrDecrementOperation or ITupleOperation => false, // a tuple may be a deconstruction target
        IArgumentOperation argument => argument.Parameter?.RefKind is null or RefKind.None,
        _ => element.Syntax.Parent is not RefExpressionSyntax,
    };

    private static bool IsInAsyncOrIterator(IOperation operation, ISymbol? member)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda) return lambda.Symbol.IsAsync;
            if (current is ILocalFunctionOperation local) return local.Symbol.IsAsync || IsIterator(local.Symbol);
        }
        return member is IMethodSymbol method && (method.IsAsync || IsIterator(method));
    }

    /// <summary>A yield statement in the function's own body, not in a function nested in it.</summary>
    private static bool IsIterator(IMethodSymbol function) => function.DeclaringSyntaxReferences.Any(reference =>
    {
        var declaration = reference.GetSyntax();
        return declaration.DescendantNodes(n => n == declaration || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<YieldStatementSyntax>().Any();
    });
}
