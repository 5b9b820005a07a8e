using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.Core.Classification;

internal sealed partial class FileClassifier
{
    /// <summary>
    /// The one walk over the whole tree: the declarations to classify (in document order), the <c>stackalloc</c>s, and
    /// where lambdas, local functions and queries are (for the closure analysis). Switches on the node's kind: type
    /// tests against abstract syntax classes cost more than the walk itself.
    /// </summary>
    private void GatherSyntax(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (node.Kind())
            {
                case SyntaxKind.VariableDeclarator:
                case SyntaxKind.SingleVariableDesignation:
                case SyntaxKind.ForEachStatement:
                case SyntaxKind.CatchDeclaration:
                    _declarations.Add(node);
                    break;
                case SyntaxKind.Parameter:
                case SyntaxKind.FromClause:
                case SyntaxKind.LetClause:
                case SyntaxKind.JoinClause:
                case SyntaxKind.JoinIntoClause:
                case SyntaxKind.WhereClause:
                case SyntaxKind.OrderByClause:
                case SyntaxKind.QueryContinuation:
                case SyntaxKind.PropertyDeclaration:
                case SyntaxKind.MethodDeclaration:
                case SyntaxKind.ConstructorDeclaration:
                case SyntaxKind.DestructorDeclaration:
                case SyntaxKind.OperatorDeclaration:
                case SyntaxKind.ConversionOperatorDeclaration:
                case SyntaxKind.GetAccessorDeclaration:
                case SyntaxKind.SetAccessorDeclaration:
                case SyntaxKind.InitAccessorDeclaration:
                case SyntaxKind.AddAccessorDeclaration:
                case SyntaxKind.RemoveAccessorDeclaration:
                case SyntaxKind.UnknownAccessorDeclaration:
                    // Parameters, range variables, backing fields and struct this: not part of a frame.
                    if (!_framesOnly) _declarations.Add(node);
                    break;
                case SyntaxKind.StackAllocArrayCreationExpression:
                case SyntaxKind.ImplicitStackAllocArrayCreationExpression:
                    _stackallocs.Add(node); // measured with the allocations, in this (document) order
                    break;
                case SyntaxKind.SimpleLambdaExpression:
                case SyntaxKind.ParenthesizedLambdaExpression:
                case SyntaxKind.AnonymousMethodExpression:
                case SyntaxKind.LocalFunctionStatement:
                    _nesting.AddFunction(node.SpanStart);
                    break;
                case SyntaxKind.QueryExpression:
                    _nesting.AddQuery(node.SpanStart);
                    break;
            }
        }
    }

    private List<VariableStorage> ClassifyVariables()
    {
        var result = new List<VariableStorage>(_declarations.Count);
        foreach (var node in _declarations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case VariableDeclaratorSyntax declarator:
                    AddDeclared(result, declarator, declarator.Identifier, declarator.Initializer);
                    break;
                case SingleVariableDesignationSyntax designation:
                    AddDeclared(result, designation, designation.Identifier, null);
                    break;
                case ForEachStatementSyntax forEach:
                    AddDeclared(result, forEach, forEach.Identifier, null);
                    break;
                case CatchDeclarationSyntax catchDeclaration:
                    AddDeclared(result, catchDeclaration, catchDeclaration.Identifier, null);
                    break;
                case ParameterSyntax parameter when HasBody(parameter):
                    AddDeclared(result, parameter, parameter.Identifier, null);
                    break;
                case QueryClauseSyntax or QueryContinuationSyntax or JoinIntoClauseSyntax:
                    AddRangeVariable(result, node);
                    break;
                case PropertyDeclarationSyntax property:
                    AddBackingField(result, property);
                    break;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    AddStructThis(result, node);
                    break;
            }
        }
        return result;
    }

    private void AddDeclared(List<VariableStorage> result, SyntaxNode declaration, SyntaxToken identifier, EqualsValueClauseSyntax? initializer)
    {
        if (identifier.IsMissing || identifier.ValueText.Length == 0 || identifier.ValueText == "_") return;
        var symbol = _semanticModel.GetDeclaredSymbol(declaration, _cancellationToken);
        if (_framesOnly && symbol is not ILocalSymbol) return;
        var location = identifier.GetLocation();
        var variable = symbol switch
        {
            ILocalSymbol local => ClassifyLocal(local, location, initializer),
            IParameterSymbol parameter => ClassifyParameter(parameter, location),
            IFieldSymbol field => ClassifyField(field, field.Type, field.Name, VariableKind.Field, location, initializer),
            IEventSymbol e => ClassifyField(e, e.Type, e.Name, VariableKind.EventField, location, initializer),
            _ => null,
        };
        if (variable is not null) result.Add(variable);
    }

    private VariableStorage ClassifyLocal(ILocalSymbol local, Location location, EqualsValueClauseSyntax? initializerSyntax)
    {
        var name = local.Name;
        if (local.IsConst)
            return new(local, location, name, VariableKind.Const, StorageClass.Constant, null, 0, "const: the value is inlined into the IL, no variable exists at run time");

        var initializer = InitializerValue(initializerSyntax);
        var referent = ReferentOf(initializer, initializerSyntax?.Value);
        long? size = local.RefKind != RefKind.None ? _layout.PointerSize : SizeOf(local.Type);
        var function = local.ContainingSymbol as IMethodSymbol;

        if (_closures.IsInClassEnvironment(local))
            return new(local, location, name, VariableKind.Local, StorageClass.Dynamic, referent, size, CapturedReason(local));
        if (function is not null && IsHoistedByStateMachine(local, function))
            return new(local, location, name, VariableKind.Local, StorageClass.Dynamic, referent, size, HoistedReason(function));
        if (_closures.IsCaptured(local))
            return new(local, location, name, VariableKind.Local, StorageClass.Automatic, referent, size,
                $"captured only by local function {Names(_closures.CapturersOf(local))}: a struct closure in the stack frame");
        if (initializerSyntax?.Value is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax
            && StackallocOf(initializerSyntax.Value) is { } buffer)
            return new(local, location, name, VariableKind.Local, StorageClass.Automatic, StorageClass.Automatic, buffer.Size, buffer.Reason);
        if (local.RefKind != RefKind.None)
            return new(local, location, name, VariableKind.Local, StorageClass.Automatic, null, size, "ref local: a managed pointer in the stack frame that refers to storage elsewhere");
        if (local.Type.IsRefLikeType)
            return new(local, location, name, VariableKind.Local, StorageClass.Automatic, referent, size, $"ref struct {Display(local.Type)}: always in the stack frame");
        if (local.Type.TypeKind == TypeKind.Error)
            return new(local, location, name, VariableKind.Local, StorageClass.Automatic, referent, size, "local of a type that does not bind yet: in the stack frame");
        return new(local, location, name, VariableKind.Local, StorageClass.Automatic, referent, size,
            local.Type.IsReferenceType ? "reference-type local: the reference is in the stack frame" : "value-type local in the stack frame");
    }

    /// <summary>The initializer's value with its conversion to the variable's type (boxing shows there).</summary>
    private IOperation? InitializerValue(EqualsValueClauseSyntax? initializer) =>
        initializer is null ? null : (_semanticModel.GetOperation(initializer, _cancellationToken) as ISymbolInitializerOperation)?.Value;

    private bool IsHoistedByStateMachine(ILocalSymbol local, IMethodSymbol function)
    {
        if (!IsStateMachine(function)) return false;
        if (local.Type.IsRefLikeType || local.RefKind != RefKind.None) return false; // cannot live in a heap object
        if (IsDebug) return true;
        return _liveAcrossSuspension.TryGetValue(function, out var live) && live.Contains(local)
            || local.IsUsing && SuspendsAfter(function, local);
    }

    /// <summary>A <c>using</c> local is disposed at the end of its scope, so any later suspension keeps it alive.</summary>
    private bool SuspendsAfter(IMethodSymbol function, ILocalSymbol local)
    {
        if (ClosureAnalysis.DeclaringScope(local) is not { } scope) return false;
        var start = local.Locations[0].SourceSpan.End;
        return scope.DescendantNodes(n => !ClosureAnalysis.IsFunction(n) || n == scope)
            .Any(n => n.SpanStart > start && (n is AwaitExpressionSyntax || n is YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldReturnStatement }
                || n is CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } || n is UsingStatementSyntax { AwaitKeyword.RawKind: not 0 }
                || n is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 }));
    }

    private string HoistedReason(IMethodSymbol function)
    {
        var machine = IsIterator(function) ? "the iterator object" : "the async state machine (boxed on the heap when the method first suspends)";
        return IsDebug
            ? $"Debug build: every local of an {(IsIterator(function) ? "iterator" : "async method")} is hoisted into {machine}"
            : $"live across {(IsIterator(function) ? "a yield return" : "an await")}: hoisted into {machine}";
    }

    private string CapturedReason(ISymbol variable)
    {
        var capturers = _closures.CapturersOf(variable).ToList();
        var lambda = capturers.FirstOrDefault(f => f.MethodKind == MethodKind.AnonymousFunction);
        var by = lambda is not null
            ? $"captured by the lambda at line {Line(lambda.Locations[0])}"
            : capturers.Any(_closures.NeedsClassEnvironment)
                ? $"captured by local function {Names(capturers)}, which becomes a delegate, is async or an iterator, or is used by a lambda"
                : $"captured by local function {Names(capturers)} in a scope where a lambda also captures";
        return by + ": lives in a heap display class";
    }

    private static string Names(IEnumerable<IMethodSymbol> functions) =>
        string.Join(", ", functions.Select(f => f.MethodKind == MethodKind.AnonymousFunction ? "a lambda" : f.Name).Distinct());

    private VariableStorage ClassifyParameter(IParameterSymbol parameter, Location location)
    {
        var name = parameter.Name;
        long? size = parameter.RefKind != RefKind.None ? _layout.PointerSize : SizeOf(parameter.Type);
        // An indexer's parameters belong to the indexer; its get accessor is the function that may be an iterator.
        var function = parameter.ContainingSymbol as IMethodSymbol ?? (parameter.ContainingSymbol as IPropertySymbol)?.GetMethod;
        StorageClass? referent = parameter.IsParams && parameter.Type is IArrayTypeSymbol ? StorageClass.Dynamic : null;

        if (function is { MethodKind: MethodKind.Constructor } && IsPrimaryConstructor(function))
            return ClassifyPrimaryConstructorParameter(parameter, function, location, size);
        if (_closures.IsInClassEnvironment(parameter))
            return new(parameter, location, name, VariableKind.Parameter, StorageClass.Dynamic, referent, size,
                CapturedReason(parameter) + ", copied there at method entry");
        if (function is not null && IsStateMachine(function) && !parameter.Type.IsRefLikeType && (IsDebug || IsReferenced(parameter, function)))
            return new(parameter, location, name, VariableKind.Parameter, StorageClass.Dynamic, referent, size,
                $"parameter of an {(IsIterator(function) ? "iterator: copied into the iterator object" : "async method: copied into the state machine")}");
        if (_closures.IsCaptured(parameter))
            return new(parameter, location, name, VariableKind.Parameter, StorageClass.Automatic, referent, size,
                $"captured only by local function {Names(_closures.CapturersOf(parameter))}: a struct closure in the stack frame");
        if (parameter.RefKind != RefKind.None)
            return new(parameter, location, name, VariableKind.Parameter, StorageClass.Automatic, null, size,
                $"{parameter.RefKind.ToString().ToLowerInvariant()} parameter: a managed pointer to the caller's variable");
        return new(parameter, location, name, VariableKind.Parameter, StorageClass.Automatic, referent, size,
            parameter.IsParams && referent is not null ? "params parameter: the reference is passed by value; the array is on the heap"
                : "parameter passed by value (stack or register)");
    }

    private static bool IsPrimaryConstructor(IMethodSymbol constructor) =>
        constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);

    /// <summary>
    /// A primary-constructor parameter used by a member (not only by initializers) is captured into a hidden field;
    /// record positional parameters become properties with backing fields.
    /// </summary>
    private VariableStorage ClassifyPrimaryConstructorParameter(IParameterSymbol parameter, IMethodSymbol constructor, Location location, long? size)
    {
        var type = constructor.ContainingType;
        var fieldStorage = type.IsValueType ? StorageClass.Inline : StorageClass.Dynamic;
        var container = type.IsValueType ? "inline in the struct" : "in the heap object";
        if (type.IsRecord)
            return new(parameter, location, parameter.Name, VariableKind.Parameter, fieldStorage, null, size,
                $"record positional parameter: stored in the property's backing field, {container}");
        if (IsCapturedPrimaryConstructorParameter(parameter))
            return new(parameter, location, parameter.Name, VariableKind.Parameter, fieldStorage, null, size,
                $"primary-constructor parameter used by a member: captured into a hidden field, {container}");
        return new(parameter, location, parameter.Name, VariableKind.Parameter, StorageClass.Automatic, null, size,
            "primary-constructor parameter used only by initializers: a constructor parameter (stack or register)");
    }

    private bool IsCapturedPrimaryConstructorParameter(IParameterSymbol parameter)
    {
        if (parameter.ContainingType.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not TypeDeclarationSyntax type)
            return false;
        foreach (var member in type.Members)
        {
            // Initializers and the base call run inside the constructor: reading the parameter there needs no field.
            if (member is FieldDeclarationSyntax || member is PropertyDeclarationSyntax { AccessorList: null, ExpressionBody: null }) continue;
            foreach (var identifier in member.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != parameter.Name) continue;
                if (member is PropertyDeclarationSyntax { Initializer: { } init } && init.Span.Contains(identifier.Span)) continue;
                if (SymbolEqualityComparer.Default.Equals(_semanticModel.GetSymbolInfo(identifier, _cancellationToken).Symbol, parameter))
                    return true;
            }
        }
        return false;
    }

    private VariableStorage? ClassifyField(ISymbol field, ITypeSymbol type, string name, VariableKind kind, Location location, EqualsValueClauseSyntax? initializerSyntax)
    {
        bool isConst = field is IFieldSymbol { IsConst: true };
        if (isConst)
            return new(field, location, name, VariableKind.Const, StorageClass.Constant, null, 0, "const: the value lives in metadata and is inlined at every use");

        long? size = SizeOf(type);
        if (field is IFieldSymbol { IsFixedSizeBuffer: true } buffer && buffer.Type is IPointerTypeSymbol pointer)
            size = SizeOf(pointer.PointedAtType) * buffer.FixedSize;
        var initializer = InitializerValue(initializerSyntax);
        var referent = ReferentOf(initializer, initializerSyntax?.Value);

        if (field.IsStatic)
        {
            var staticKind = kind == VariableKind.Field ? VariableKind.StaticField : kind;
            if (field.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _symbols.ThreadStaticAttribute)))
                return new(field, location, name, staticKind, StorageClass.ThreadLocal, referent, size, "[ThreadStatic]: one copy per thread");
            bool nonDefault = initializer is not null && !IsDefaultValue(initializer)
                || field is IFieldSymbol f && _assignedInStaticConstructor.Contains(f.OriginalDefinition);
            return nonDefault
                ? new(field, location, name, staticKind, StorageClass.StaticData, referent, size,
                    initializer is not null ? "static field set to a non-default value by the type initializer" : "static field set to a non-default value by the static constructor")
                : new(field, location, name, staticKind, StorageClass.StaticBss, referent, size,
                    initializer is null ? "static field without initializer: zero-initialised" : "static field initialised to its default value: zero-initialised");
        }
        return field.ContainingType.IsValueType
            ? new(field, location, name, kind, StorageClass.Inline, referent, size,
                field is IFieldSymbol { IsFixedSizeBuffer: true } ? "fixed buffer: inline in the containing struct" : $"instance field of struct {field.ContainingType.Name}: inline in its container")
            : new(field, location, name, kind, StorageClass.Dynamic, referent, size,
                $"instance field of class {field.ContainingType.Name}: part of each heap object");
    }

    private void AddBackingField(List<VariableStorage> result, PropertyDeclarationSyntax property)
    {
        if (_semanticModel.GetDeclaredSymbol(property, _cancellationToken) is not IPropertySymbol symbol) return;
        var backing = symbol.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, symbol));
        if (backing is null) return;
        var variable = ClassifyField(backing, backing.Type, symbol.Name, VariableKind.BackingField, property.Identifier.GetLocation(), property.Initializer);
        if (variable is not null) result.Add(variable);
    }

    private void AddStructThis(List<VariableStorage> result, SyntaxNode member)
    {
        // A member's type is the declaration around it: only a struct's members need their (costly) symbol.
        if (member.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not (StructDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: (int)SyntaxKind.StructKeyword })
            || _semanticModel.GetDeclaredSymbol(member, _cancellationToken) is not IMethodSymbol { IsStatic: false } method
            || method.ContainingType is not { IsValueType: true } type || !HasBody(member)) return;
        var location = member switch
        {
            MethodDeclarationSyntax m => m.Identifier.GetLocation(),
            ConstructorDeclarationSyntax c => c.Identifier.GetLocation(),
            AccessorDeclarationSyntax a => a.Keyword.GetLocation(),
            _ => member.GetFirstToken().GetLocation(),
        };
        var variable = IsStateMachine(method)
            ? new VariableStorage(method, location, "this", VariableKind.This, StorageClass.Dynamic, null, SizeOf(type),
                $"this of struct {type.Name} in an {(IsIterator(method) ? "iterator" : "async method")}: the struct is copied into the state machine")
            : new VariableStorage(method, location, "this", VariableKind.This, StorageClass.Automatic, null, _layout.PointerSize,
                $"this of struct {type.Name}: a managed pointer to the caller's struct");
        result.Add(variable);
    }

    private static bool HasBody(SyntaxNode node)
    {
        var function = node is ParameterSyntax ? node.Parent is BaseParameterListSyntax list ? list.Parent : node.Parent : node;
        return function switch
        {
            BaseMethodDeclarationSyntax m => m.Body is not null || m.ExpressionBody is not null,
            AccessorDeclarationSyntax a => a.Body is not null || a.ExpressionBody is not null,
            LocalFunctionStatementSyntax l => l.Body is not null || l.ExpressionBody is not null,
            IndexerDeclarationSyntax i => i.ExpressionBody is not null || i.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) == true,
            AnonymousFunctionExpressionSyntax or TypeDeclarationSyntax => true, // lambdas; primary constructors
            _ => false,
        };
    }

    /// <summary>
    /// Query range variables become lambda parameters; once a query has several, they travel together in
    /// anonymous-type objects (transparent identifiers) on the heap.
    /// </summary>
    private void AddRangeVariable(List<VariableStorage> result, SyntaxNode clause)
    {
        if (_semanticModel.GetDeclaredSymbol(clause, _cancellationToken) is not IRangeVariableSymbol range) return;
        var identifier = clause switch
        {
            FromClauseSyntax from => from.Identifier,
            LetClauseSyntax let => let.Identifier,
            JoinClauseSyntax join => join.Identifier,
            JoinIntoClauseSyntax into => into.Identifier,
            QueryContinuationSyntax continuation => continuation.Identifier,
            _ => default,
        };
        if (identifier.RawKind == 0) return;
        var query = clause.FirstAncestorOrSelf<QueryExpressionSyntax>();
        bool transparent = query is not null && query.Body.Clauses.Any(c => c is FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax);
        result.Add(transparent
            ? new VariableStorage(range, identifier.GetLocation(), range.Name, VariableKind.RangeVariable, StorageClass.Dynamic, null, null,
                "query range variable carried with others in anonymous-type objects (transparent identifiers) on the heap")
            : new VariableStorage(range, identifier.GetLocation(), range.Name, VariableKind.RangeVariable, StorageClass.Automatic, null, null,
                "query range variable: the parameter of the clause's lambda"));
    }
}
