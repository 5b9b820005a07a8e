using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.Core.Classification;

internal sealed partial class FileClassifier
{
    private const string LikelyHeap = "the JIT may keep it on the stack when it never escapes (.NET 9+)";

    private List<AllocationSite> FindAllocations(SyntaxNode root)
    {
        var result = new List<AllocationSite>();
        foreach (var (operationRoot, owner) in _roots)
        {
            bool inStaticInitializer = owner is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };
            foreach (var operation in operationRoot.DescendantsAndSelf())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_framesOnly)
                {
                    // Of the operations' sites only a collection expression can be in a frame (an inline array).
                    if (operation is ICollectionExpressionOperation collection && CollectionSite(collection) is { } buffer) result.Add(buffer);
                    continue;
                }
                if (SiteOf(operation, inStaticInitializer) is { } site) result.Add(site);
                if (operation is IInterpolatedStringOperation interpolation) AddFormattableString(result, interpolation);
                if (operation is IBinaryOperation concat && ConcatArrayOf(concat) is { } parts) result.Add(parts);
                if (operation is IForEachLoopOperation forEach && EnumeratorOf(forEach) is { } enumerator) result.Add(enumerator);
                if (operation is IForEachLoopOperation boxingLoop && ElementBoxingOf(boxingLoop) is { } elementBox) result.Add(elementBox);
                if (ClosureAnalysis.NestedFunction(operation) is { } function && StateMachineSiteOf(function) is { } nestedMachine) result.Add(nestedMachine);
            }
            if (!_framesOnly && owner is IMethodSymbol method && StateMachineSiteOf(method) is { } machine) result.Add(machine);
        }
        // stackalloc has no operation: the variables' syntax pass found them.
        foreach (var node in _stackallocs) result.Add(StackallocMeasure.Site(_model, _semanticModel, node, _cancellationToken));
        if (_framesOnly) return result;
        foreach (var environment in _closures.ClassEnvironments) result.Add(ClosureSite(environment.Key, environment.Value));
        return result;
    }

    private AllocationSite? SiteOf(IOperation operation, bool inStaticInitializer)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Type: { IsReferenceType: true } type } creation:
                if (type.SpecialType == SpecialType.System_String)
                {
                    var length = ConstructedStringLength(creation);
                    return Site(creation, AllocationKind.String, "string", length is { } chars ? _model.Layout.StringSize(chars) : null,
                        AllocationCertainty.Emitted, "new string(...) builds a string on the heap");
                }
                return Site(creation, AllocationKind.Object, Display(type), KnownObjectSize(type), AllocationCertainty.Emitted,
                    $"new {Display(type)}: an instance of a class lives on the heap ({LikelyHeap})");
            case IWithOperation { Type: { IsReferenceType: true } recordType } with:
                return Site(with, AllocationKind.Object, Display(recordType), KnownObjectSize(recordType), AllocationCertainty.Runtime,
                    $"with on record class {Display(recordType)} clones it into a new heap object (inside its <Clone>$ method)");
            case IAnonymousObjectCreationOperation anonymous:
                return Site(anonymous, AllocationKind.AnonymousType, "anonymous type", KnownObjectSize(anonymous.Type!), AllocationCertainty.Emitted,
                    "anonymous types are classes: each new { ... } is a heap object");
            case IArrayCreationOperation array:
                return ArraySite(array);
            case IDelegateCreationOperation @delegate:
                return DelegateSite(@delegate, inStaticInitializer);
            case IConversionOperation conversion when IsBoxing(conversion):
                return BoxingSite(conversion);
            case IInvocationOperation invocation:
                return HiddenBoxingSite(invocation);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } concat
                when concat.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
                return StringSite(concat, StringLengths.MinimumOfConcat(ConcatOperands(concat)), "string concatenation builds a new string (string.Concat)");
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } concat:
                return null;
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } append:
                return StringSite(append, StringLengths.MinimumOfConcat([append.Target, append.Value]), "+= on a string builds a new string (string.Concat)");
            case IInterpolatedStringOperation { ConstantValue.HasValue: false } interpolated when ProducesString(interpolated):
                return StringSite(interpolated, StringLengths.MinimumOfInterpolation(interpolated), "string interpolation builds a new string");
            case ICollectionExpressionOperation collection:
                return CollectionSite(collection);
        }
        return null;
    }

    /// <summary>
    /// string.Concat has overloads for up to four parts; a longer chain (adjacent constants folded) passes a string[].
    /// </summary>
    private AllocationSite? ConcatArrayOf(IBinaryOperation concat)
    {
        if (!IsStringConcat(concat) || concat.ConstantValue.HasValue || IsStringConcat(concat.Parent)) return null;
        int parts = 0;
        bool previousConstant = false;
        foreach (var operand in ConcatOperands(concat))
        {
            bool constant = operand.ConstantValue.HasValue;
            if (!(constant && previousConstant)) parts++;
            previousConstant = constant;
        }
        if (parts <= 4) return null;
        var stringType = _semanticModel.Compilation.GetSpecialType(SpecialType.System_String);
        return Site(concat, AllocationKind.ParamsArray, $"string[{parts}]", _layout.ArraySize(stringType, parts), AllocationCertainty.Emitted,
            $"concatenating {parts} parts passes them to string.Concat in a string[]");
    }

    private static bool IsStringConcat(IOperation? operation) =>
        operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String };

    private static IEnumerable<IOperation> ConcatOperands(IOperation operation)
    {
        if (operation is IBinaryOperation binary && IsStringConcat(binary) && !binary.ConstantValue.HasValue)
            return ConcatOperands(binary.LeftOperand).Concat(ConcatOperands(binary.RightOperand));
        return new[] { operation };
    }

    private AllocationSite Site(IOperation operation, AllocationKind kind, string type, long? size, AllocationCertainty certainty, string reason,
        StorageClass storage = StorageClass.Dynamic) =>
        new(operation.Syntax.GetLocation(), kind, storage, type, size, IsInLoop(operation), certainty, reason);

    /// <summary>A string whose length is known only at run time, at least <paramref name="minimumLength"/> characters
    /// (the runtime returns <c>string.Empty</c>, allocating nothing, for an empty result).</summary>
    private AllocationSite StringSite(IOperation operation, int minimumLength, string reason) =>
        new(operation.Syntax.GetLocation(), AllocationKind.String, StorageClass.Dynamic, "string", null, IsInLoop(operation),
            AllocationCertainty.Runtime, reason, minSizeBytes: minimumLength > 0 ? _layout.StringSize(minimumLength) : 0);

    private long? KnownObjectSize(ITypeSymbol type) => _layout.IsObjectSizeKnown(type) ? _layout.ObjectSize(type) : null;


    private AllocationSite? ArraySite(IArrayCreationOperation array)
    {
        var elementType = ((IArrayTypeSymbol)array.Type!).ElementType;
        long? length = 1;
        foreach (var dimension in array.DimensionSizes)
            length = dimension.ConstantValue is { HasValue: true, Value: int n } && length is not null ? length * n : null;
        long? size = length is null || !_layout.IsKnown(elementType) ? null : _layout.ArraySize(elementType, length.Value, array.DimensionSizes.Length);
        var name = $"{Display(elementType)}[{length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}]";

        if (array.IsImplicit && array.Parent is IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray })
        {
            // An empty params array is Array.Empty<T>(): a shared instance, no allocation per call.
            if (length == 0) return null;
            return Site(array, AllocationKind.ParamsArray, name, size, AllocationCertainty.Emitted, $"params array of {length?.ToString() ?? "n"} x {Display(elementType)} created for each call");
        }
        if (array.Parent is IConversionOperation { Type: var target } && _symbols.IsReadOnlySpan(target) && length > 0
            && IsRvaEligible(elementType) && array.Initializer is { } init && init.ElementValues.All(e => e.ConstantValue.HasValue))
            return Site(array, AllocationKind.RvaData, name, SizeOf(elementType) * length, AllocationCertainty.Emitted,
                "constant array converted to ReadOnlySpan: the compiler points into the assembly image instead of allocating", StorageClass.StaticData);
        return Site(array, AllocationKind.Array, name, size, AllocationCertainty.Emitted, $"arrays live on the heap ({LikelyHeap})");
    }

    private AllocationSite? DelegateSite(IDelegateCreationOperation creation, bool inStaticInitializer)
    {
        var type = Display(creation.Type);
        long size = _layout.DelegateSize;
        switch (creation.Target)
        {
            case IAnonymousFunctionOperation lambda:
                if (inStaticInitializer)
                    return Site(creation, AllocationKind.Delegate, type, size, AllocationCertainty.Emitted, "lambda in a static initializer: one delegate, created when the type is initialised");
                if (!_closures.CapturesAnything(lambda.Symbol)) return null; // cached in a static field of <>c
                return Site(creation, AllocationKind.Delegate, type, size, AllocationCertainty.Emitted,
                    _closures.CapturesVariables(lambda.Symbol)
                        ? "lambda that captures variables: a new delegate over the display class each time"
                        : "lambda that captures this: a new delegate each time");
            case IMethodReferenceOperation reference:
                var method = reference.Method;
                // Only the implicit conversion is cached; an explicit new D(M) allocates every time.
                bool cacheable = creation.IsImplicit && LanguageVersion >= LanguageVersion.CSharp11 && method.IsStatic && reference.Instance is null
                    && (method.MethodKind != MethodKind.LocalFunction || method.IsStatic);
                if (cacheable && !inStaticInitializer) return null; // C# 11+ caches static method groups
                return Site(creation, AllocationKind.Delegate, type, size, AllocationCertainty.Emitted,
                    method.MethodKind == MethodKind.LocalFunction ? $"local function {method.Name} converted to a delegate: a new delegate each time"
                    : method.IsStatic ? (inStaticInitializer ? "method group in a static initializer: one delegate" : "method group converted to a delegate (not cached before C# 11)")
                    : $"instance method group {method.Name}: a new delegate bound to its target each time");
            default:
                return Site(creation, AllocationKind.Delegate, type, size, AllocationCertainty.Emitted, "a new delegate each time");
        }
    }

    private LanguageVersion LanguageVersion => ((CSharpParseOptions)_semanticModel.SyntaxTree.Options).LanguageVersion;

    private static bool IsBoxing(IConversionOperation conversion) =>
        conversion.Language == LanguageNames.CSharp && conversion.GetConversion().IsBoxing
        && conversion.Operand.Type is { } from && (from.IsValueType || from.TypeKind == TypeKind.TypeParameter);

    private AllocationSite? BoxingSite(IConversionOperation conversion)
    {
        var from = conversion.Operand.Type!;
        var valueType = from is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : from;
        long? size = valueType.TypeKind == TypeKind.TypeParameter || !_layout.IsKnown(valueType) ? null : _layout.BoxSize(valueType);

        // String concatenation calls ToString() on value operands instead of boxing them (C# 10+ lowering);
        // only a struct that inherits ValueType.ToString still boxes, inside the runtime.
        if (IsStringConcat(conversion.Parent) || conversion.Parent is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String })
        {
            if (OverridesToString(valueType)) return null;
            return Site(conversion, AllocationKind.Boxing, Display(valueType), size, AllocationCertainty.Runtime,
                valueType.TypeKind == TypeKind.Enum
                    ? $"enum {Display(valueType)} is boxed at run time to call Enum.ToString"
                    : $"{Display(valueType)} does not override ToString(): the runtime boxes it to call ValueType.ToString");
        }
        if (conversion.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "HasFlag", ContainingType.SpecialType: SpecialType.System_Enum } } })
            return new AllocationSite(conversion.Syntax.GetLocation(), AllocationKind.Boxing, StorageClass.Dynamic, Display(valueType), size,
                IsInLoop(conversion), AllocationCertainty.Emitted, "the IL boxes the HasFlag argument (optimized code skips the box)", elidedByJit: true);
        string reason = from.TypeKind == TypeKind.TypeParameter
            ? $"box of type parameter {from.Name}: allocates when it is a value type"
            : $"{Display(valueType)} converted to {Display(conversion.Type)}: boxed into a heap object";
        return Site(conversion, AllocationKind.Boxing, Display(valueType), size, AllocationCertainty.Emitted, reason);
    }

    private static bool OverridesToString(ITypeSymbol type) =>
        type.TypeKind == TypeKind.TypeParameter || type.SpecialType != SpecialType.None && type.TypeKind != TypeKind.Enum
        || type.GetMembers("ToString").OfType<IMethodSymbol>().Any(m => m.IsOverride && m.Parameters.Length == 0);

    /// <summary>
    /// Calls on a struct that reach object/ValueType/Enum methods: a <c>constrained.</c> call boxes at run time
    /// when the struct does not override the method, and <c>GetType()</c> is non-virtual so the IL boxes.
    /// </summary>
    private AllocationSite? HiddenBoxingSite(IInvocationOperation invocation)
    {
        if (invocation.Instance is not { Type: { IsValueType: true } receiverType } || invocation.Instance is IConversionOperation) return null;
        var owner = invocation.TargetMethod.ContainingType?.SpecialType;
        if (owner is not (SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum)) return null;
        var name = invocation.TargetMethod.Name;
        long? size = _layout.IsKnown(receiverType) ? _layout.BoxSize(receiverType) : null;
        if (!invocation.TargetMethod.IsVirtual && !invocation.TargetMethod.IsOverride && !invocation.TargetMethod.IsAbstract)
        {
            // The optimizing JIT recognises these two and never materialises the box.
            bool elided = name is "HasFlag" or "GetType";
            return new AllocationSite(invocation.Syntax.GetLocation(), AllocationKind.Boxing, StorageClass.Dynamic, Display(receiverType), size,
                IsInLoop(invocation), AllocationCertainty.Emitted,
                $"{name}() is a non-virtual method of {invocation.TargetMethod.ContainingType?.Name}: the IL boxes the {Display(receiverType)} receiver"
                + (elided ? " (optimized code skips the box)" : ""), elidedByJit: elided);
        }
        return Site(invocation, AllocationKind.Boxing, Display(receiverType), size, AllocationCertainty.Runtime,
            $"{Display(receiverType)} does not override {name}(): the constrained call boxes it at run time");
    }

    private bool ProducesString(IInterpolatedStringOperation interpolated)
    {
        var parent = interpolated.Parent;
        if (parent is IInterpolatedStringHandlerCreationOperation handler)
            return handler.HandlerCreation.Type?.Name == "DefaultInterpolatedStringHandler";
        return !(parent is IConversionOperation conversion && IsFormattable(conversion.Type));
    }

    private bool IsFormattable(ITypeSymbol? type) =>
        SymbolEqualityComparer.Default.Equals(type, _symbols.FormattableString) || type?.Name == "IFormattable";

    /// <summary>$"..." converted to FormattableString/IFormattable: FormattableStringFactory.Create(format, params object[]).</summary>
    private void AddFormattableString(List<AllocationSite> result, IInterpolatedStringOperation interpolated)
    {
        if (interpolated.Parent is not IConversionOperation conversion || !IsFormattable(conversion.Type)) return;
        var holes = interpolated.Parts.OfType<IInterpolationOperation>().ToList();
        var objectType = _semanticModel.Compilation.GetSpecialType(SpecialType.System_Object);
        // The runtime's ConcreteFormattableString: the format string and the argument array.
        result.Add(Site(interpolated, AllocationKind.Object, "FormattableString", _layout.RuntimeObjectSize(references: 2), AllocationCertainty.Runtime,
            "FormattableStringFactory.Create returns a heap object"));
        result.Add(Site(interpolated, AllocationKind.ParamsArray, $"object[{holes.Count}]", _layout.ArraySize(objectType, holes.Count),
            AllocationCertainty.Emitted, "the holes of a FormattableString travel in an object[]"));
        foreach (var hole in holes.Where(h => h.Expression.Type is { IsValueType: true }))
            result.Add(Site(hole.Expression, AllocationKind.Boxing, Display(hole.Expression.Type), SizeOrNull(hole.Expression.Type!),
                AllocationCertainty.Emitted, "a FormattableString hole is stored as object: boxed"));
    }

    private long? SizeOrNull(ITypeSymbol valueType) => _layout.IsKnown(valueType) ? _layout.BoxSize(valueType) : null;

    private AllocationSite? CollectionSite(ICollectionExpressionOperation collection)
    {
        var target = collection.Type;
        int count = collection.Elements.Length;
        bool spread = collection.Elements.Any(e => e is ISpreadOperation);
        if (target is IArrayTypeSymbol arrayType)
        {
            if (count == 0) return null; // Array.Empty<T>()
            long? size = spread || !_layout.IsKnown(arrayType.ElementType) ? null : _layout.ArraySize(arrayType.ElementType, count);
            return Site(collection, AllocationKind.Array, $"{Display(arrayType.ElementType)}[{(spread ? "" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}]",
                size, AllocationCertainty.Emitted, "collection expression of array type: a new array on the heap");
        }
        if ((_symbols.IsSpan(target) || _symbols.IsReadOnlySpan(target)) && target is INamedTypeSymbol span)
        {
            if (count == 0) return null; // default span
            var element = span.TypeArguments[0];
            long? bytes = spread ? null : SizeOf(element) * count;
            if (_symbols.IsReadOnlySpan(target) && !spread && IsRvaEligible(element) && collection.Elements.All(e => e.ConstantValue.HasValue))
                return Site(collection, AllocationKind.RvaData, $"{Display(element)}[{count}]", bytes, AllocationCertainty.Emitted,
                    "ReadOnlySpan over constants: points into the assembly image, no allocation", StorageClass.StaticData);
            if (_symbols.HasInlineArrays && !spread)
                return Site(collection, AllocationKind.Collection, $"{Display(element)}[{count}]", bytes, AllocationCertainty.Emitted,
                    "collection expression of span type: an inline array in the stack frame", StorageClass.Automatic);
            return Site(collection, AllocationKind.Array, $"{Display(element)}[]", null, AllocationCertainty.Emitted,
                "collection expression of span type without inline arrays: backed by a heap array");
        }
        // Empty read-only interfaces get Array.Empty<T>(); mutable ones (ICollection<T>, IList<T>) a new List<T>.
        if (count == 0 && target is INamedTypeSymbol { TypeKind: TypeKind.Interface } face
            && face.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T or SpecialType.System_Collections_Generic_IReadOnlyList_T)
            return null;
        return Site(collection, AllocationKind.Collection, Display(target), spread ? null : CollectionSize(target, count), AllocationCertainty.Emitted,
            $"collection expression creating {Display(target)}: heap storage");
    }

    /// <summary>
    /// What the compiler builds for a collection expression of <paramref name="count"/> elements (no spread): a
    /// <c>List&lt;T&gt;</c> (for <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>) sized to the
    /// count, its items array, count and version; for the read-only interfaces a synthesized read-only wrapper around
    /// a <c>T[]</c>, or around the element itself when there is one. Null for other types (their constructors and
    /// <c>Add</c> calls decide).
    /// </summary>
    private long? CollectionSize(ITypeSymbol? target, int count)
    {
        if (target is not INamedTypeSymbol { TypeArguments.Length: 1 } named || !_layout.IsKnown(named.TypeArguments[0])) return null;
        var element = named.TypeArguments[0];
        bool isList = named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>";
        switch (named.OriginalDefinition.SpecialType)
        {
            case SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_ICollection_T:
                isList = true;
                break;
            case SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IReadOnlyCollection_T
                or SpecialType.System_Collections_Generic_IReadOnlyList_T:
                return count == 1
                    ? _layout.RuntimeObjectSize(references: 0, field: element)
                    : _layout.RuntimeObjectSize(references: 1) + _layout.ArraySize(element, count);
        }
        return isList ? _layout.RuntimeObjectSize(references: 1, int32s: 2) + _layout.ArraySize(element, count) : null;
    }

    /// <summary>Primitive element types whose constant data the compiler can point at in the image.</summary>
    private bool IsRvaEligible(ITypeSymbol element) => element.SpecialType switch
    {
        SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean => true,
        SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double => _symbols.HasCreateSpan,
        _ => element.TypeKind == TypeKind.Enum && _symbols.HasCreateSpan,
    };

    /// <summary>foreach whose GetEnumerator returns a class or interface: an enumerator object per loop.</summary>
    private AllocationSite? EnumeratorOf(IForEachLoopOperation forEach)
    {
        if (forEach.Syntax is not CommonForEachStatementSyntax syntax) return null;
        var collectionType = forEach.Collection is IConversionOperation { IsImplicit: true } c ? c.Operand.Type : forEach.Collection.Type;
        if (collectionType is null or IArrayTypeSymbol || collectionType.SpecialType == SpecialType.System_String
            || _symbols.IsSpan(collectionType) || _symbols.IsReadOnlySpan(collectionType)) return null;
        var info = _semanticModel.GetForEachStatementInfo(syntax);
        if (info.GetEnumeratorMethod?.ReturnType is not { IsReferenceType: true } enumerator) return null;
        return new AllocationSite(syntax.Expression.GetLocation(), AllocationKind.Enumerator, StorageClass.Dynamic, Display(enumerator), null,
            IsInLoop(forEach), AllocationCertainty.Runtime,
            enumerator.TypeKind == TypeKind.Interface
                ? $"foreach over {Display(collectionType)} gets its enumerator through an interface: the enumerator is a heap object"
                : $"GetEnumerator() returns class {Display(enumerator)}: a heap object per loop");
    }

    /// <summary><c>foreach (object o in ints)</c>: each element is boxed into the iteration variable.</summary>
    private AllocationSite? ElementBoxingOf(IForEachLoopOperation forEach)
    {
        if (forEach.Syntax is not ForEachStatementSyntax syntax) return null;
        var info = _semanticModel.GetForEachStatementInfo(syntax);
        if (!info.ElementConversion.IsBoxing || info.ElementType is not { } element) return null;
        return new AllocationSite(syntax.Type.GetLocation(), AllocationKind.Boxing, StorageClass.Dynamic, Display(element), SizeOrNull(element),
            inLoop: true, AllocationCertainty.Emitted, $"each {Display(element)} element is boxed into the {Display(_semanticModel.GetTypeInfo(syntax.Type, _cancellationToken).Type)} iteration variable");
    }

    private AllocationSite? StateMachineSiteOf(IMethodSymbol function)
    {
        if (!IsStateMachine(function) || function.Locations.FirstOrDefault() is not { IsInSource: true } location
            || location.SourceTree != _semanticModel.SyntaxTree) return null;
        var (variables, hoisted) = HoistedInto(function);
        if (IsIterator(function))
            return new AllocationSite(location, AllocationKind.Iterator, StorageClass.Dynamic, $"<{function.Name}> iterator", IteratorSize(function, variables), false,
                AllocationCertainty.Emitted, $"an iterator is a class: each call allocates the iterator object holding {hoisted}");
        if (!IsDebug && !Suspends(function)) return null; // never awaits: the struct state machine is never boxed
        return IsDebug
            ? new AllocationSite(location, AllocationKind.StateMachine, StorageClass.Dynamic, $"<{function.Name}> state machine", null, false,
                AllocationCertainty.Emitted, $"Debug build: the async state machine is a class allocated at each call, holding {hoisted}")
            : new AllocationSite(location, AllocationKind.StateMachine, StorageClass.Dynamic, $"<{function.Name}> state machine", null, false,
                AllocationCertainty.Runtime, $"the async state machine struct is boxed onto the heap the first time the method suspends at an await, with {hoisted}");
    }

    /// <summary>True when the function's own body (not a nested function's) has an await.</summary>
    private bool Suspends(IMethodSymbol function) =>
        function.DeclaringSyntaxReferences.Any(reference =>
        {
            var declaration = reference.GetSyntax(_cancellationToken);
            return declaration.DescendantNodes(n => n == declaration || !ClosureAnalysis.IsFunction(n))
                .Any(n => n is AwaitExpressionSyntax || n is CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 }
                    || n is UsingStatementSyntax { AwaitKeyword.RawKind: not 0 } || n is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 });
        });

    /// <summary>Words for the variables a state machine holds: "a (4 B), text (8 B): 12 bytes of hoisted variables".</summary>
    private (List<VariableStorage> Variables, string Words) HoistedInto(IMethodSymbol function)
    {
        _hoistable ??= _variables.Where(v => v.Storage == StorageClass.Dynamic && v.Kind is VariableKind.Local or VariableKind.Parameter or VariableKind.This
                && !_closures.IsInClassEnvironment(v.Symbol))
            .ToList();
        var hoisted = _hoistable.Where(v => SymbolEqualityComparer.Default.Equals(v.Kind == VariableKind.This ? v.Symbol : v.Symbol.ContainingSymbol, function)
                || v.Kind == VariableKind.Parameter && v.Symbol.ContainingSymbol is IPropertySymbol indexer
                    && SymbolEqualityComparer.Default.Equals(indexer.GetMethod, function))
            .ToList();
        if (hoisted.Count == 0) return (hoisted, "no hoisted variables");
        long bytes = hoisted.Sum(v => v.SizeBytes ?? _layout.PointerSize);
        var names = string.Join(", ", hoisted.Select(v => $"{v.Name} ({v.SizeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} B)"));
        return (hoisted, $"{names}: {bytes} bytes of hoisted variables");
    }

    /// <summary>
    /// The iterator class the compiler emits (checked against the runtime's allocation): its state, the current
    /// element, for an enumerable the creating thread's id and a second copy of each parameter and of a struct's
    /// <c>this</c> (to restart from), a class's <c>this</c> when the body uses it, and the hoisted parameters and
    /// locals. Null when the body has a <c>foreach</c>, <c>using</c> or <c>lock</c>: held across a <c>yield</c>, the
    /// compiler adds fields for its enumerator or resource.
    /// </summary>
    private long? IteratorSize(IMethodSymbol function, List<VariableStorage> hoisted)
    {
        var declaration = function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken);
        if (declaration is null || declaration.DescendantNodes(n => n == declaration || !ClosureAnalysis.IsFunction(n))
                .Any(n => n is CommonForEachStatementSyntax or UsingStatementSyntax or LockStatementSyntax
                          or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }))
            return null;
        bool enumerable = function.ReturnType.OriginalDefinition.SpecialType is SpecialType.System_Collections_IEnumerable
            or SpecialType.System_Collections_Generic_IEnumerable_T;
        var element = function.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } generic ? generic.TypeArguments[0] : _semanticModel.Compilation.ObjectType;
        var fields = new List<ITypeSymbol> { element };
        int references = 0;
        foreach (var variable in hoisted)
        {
            var type = variable.Kind == VariableKind.This ? function.ContainingType // a struct's this: copied in whole
                : variable.Symbol switch { ILocalSymbol local => local.Type, IParameterSymbol parameter => parameter.Type, _ => null };
            if (type is null || !_layout.IsKnown(type)) return null;
            fields.Add(type);
            if (enumerable && variable.Kind is VariableKind.Parameter or VariableKind.This) fields.Add(type); // kept to restart from
        }
        if (!function.IsStatic && function.ContainingType.IsReferenceType && UsesThis(declaration)) references++;
        return _layout.RuntimeObjectSize(references, int32s: enumerable ? 2 : 1, fields);
    }

    /// <summary>True when a body reads its instance (explicitly or through an implicit member access).</summary>
    private bool UsesThis(SyntaxNode declaration) =>
        _semanticModel.GetOperation(declaration, _cancellationToken) is { } body
        && body.DescendantsAndSelf().Any(o => o is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });

    private AllocationSite ClosureSite(SyntaxNode scope, List<ISymbol> variables)
    {
        var location = ScopeEntryLocation(scope);
        long fields = variables.Sum(v => (v switch
        {
            ILocalSymbol l => SizeOf(l.Type),
            IParameterSymbol p => SizeOf(p.Type),
            _ => null,
        }) ?? _layout.PointerSize);
        if (_closures.EnvironmentHoldsThis(variables)) fields += _layout.PointerSize;
        long header = 2L * _layout.PointerSize;
        long size = System.Math.Max((header + fields + _layout.PointerSize - 1) / _layout.PointerSize * _layout.PointerSize, 3L * _layout.PointerSize);
        bool perIteration = scope is CommonForEachStatementSyntax || IsInLoop(scope);
        return new AllocationSite(location, AllocationKind.Closure, StorageClass.Dynamic, "display class", size, perIteration, AllocationCertainty.Emitted,
            $"display class holding {string.Join(", ", variables.Select(v => $"{v.Name} (line {Line(v.Locations[0])})"))}, allocated when the scope is entered");
    }

    /// <summary>
    /// Where the display class is created, as the PDB maps it: the scope's opening brace in Debug (which has a
    /// sequence point there), its first statement in Release; a foreach variable's at the iteration variable.
    /// </summary>
    private Location ScopeEntryLocation(SyntaxNode scope)
    {
        if (scope is CommonForEachStatementSyntax forEach)
            return forEach is ForEachStatementSyntax simple ? simple.Identifier.GetLocation() : forEach.GetLocation();
        var block = scope switch
        {
            BlockSyntax b => b,
            BaseMethodDeclarationSyntax method => method.Body,
            LocalFunctionStatementSyntax local => local.Body,
            AccessorDeclarationSyntax accessor => accessor.Body,
            AnonymousFunctionExpressionSyntax lambda => lambda.Block,
            _ => null,
        };
        // A constructor creates it before its initializer (base call or field initializers), mapped to its declaration.
        if (scope is ConstructorDeclarationSyntax parametersOnly)
            return parametersOnly.Identifier.GetLocation();
        if (block?.Parent is ConstructorDeclarationSyntax constructor && !IsDebug)
            return constructor.Identifier.GetLocation();
        if (block is not null)
            return IsDebug || block.Statements.Count == 0 ? block.OpenBraceToken.GetLocation() : block.Statements[0].GetLocation();
        SyntaxNode? first = scope switch
        {
            ArrowExpressionClauseSyntax arrow => arrow.Expression,
            BaseMethodDeclarationSyntax method => method.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => local.ExpressionBody?.Expression,
            AccessorDeclarationSyntax accessor => accessor.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody,
            CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault(),
            SwitchSectionSyntax section => section.Statements.FirstOrDefault(),
            _ => null,
        };
        return (first ?? scope).GetLocation();
    }

    /// <summary>Where the object a variable refers to lives, when its initializer shows it.</summary>
    private StorageClass? ReferentOf(IOperation? value, ExpressionSyntax? syntax)
    {
        if (syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax) return StorageClass.Automatic;
        while (value is IConversionOperation conversion && !IsBoxing(conversion)) value = conversion.Operand;
        return value switch
        {
            IObjectCreationOperation { Type.IsReferenceType: true } or IArrayCreationOperation or IAnonymousObjectCreationOperation
                or IConversionOperation or IDelegateCreationOperation => StorageClass.Dynamic,
            IBinaryOperation { Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } => StorageClass.Dynamic,
            IInterpolatedStringOperation { ConstantValue.HasValue: false } => StorageClass.Dynamic,
            ICollectionExpressionOperation collection => CollectionSite(collection)?.Storage,
            IUtf8StringOperation => StorageClass.StaticData,
            _ => null,
        };
    }

    /// <summary>The length of <c>new string(c, count)</c> or <c>new string(chars, start, length)</c> when the count is a
    /// constant above 0 (a length of 0 returns <c>string.Empty</c>, no allocation), else null.</summary>
    private static int? ConstructedStringLength(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name is "count" or "length" && argument.Value.ConstantValue is { HasValue: true, Value: int length } && length > 0)
                return length;
        }
        return null;
    }

    private StackallocMeasure? StackallocOf(SyntaxNode node) => StackallocMeasure.Of(_model, _semanticModel, node, _cancellationToken);
}
