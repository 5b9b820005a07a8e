using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.Core.Classification;

/// <summary>
/// Classifies one syntax tree: finds the executable roots (member bodies and initializers), walks the syntax once for
/// declarations, <c>stackalloc</c>s and nested functions (<see cref="GatherSyntax"/>), works out what closures and state
/// machines capture, then lists every declared variable (<see cref="ClassifyVariables"/>) and every allocation site
/// (<see cref="FindAllocations"/>). One instance per tree; not thread-safe, not reused.
/// </summary>
internal sealed partial class FileClassifier
{
    private readonly StorageModel _model;
    private readonly SemanticModel _semanticModel;
    private readonly CancellationToken _cancellationToken;
    private readonly TypeLayout _layout;
    private readonly WellKnownSymbols _symbols;
    private readonly List<(IOperation Root, ISymbol Owner)> _roots = new();
    private readonly Dictionary<IMethodSymbol, HashSet<ILocalSymbol>> _liveAcrossSuspension = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IFieldSymbol> _assignedInStaticConstructor = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, bool> _iterators = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, HashSet<IParameterSymbol>> _referencedParameters = new(SymbolEqualityComparer.Default);
    private ClosureAnalysis _closures = null!;
    private List<VariableStorage> _variables = new();
    private readonly List<SyntaxNode> _stackallocs = new();
    private readonly List<SyntaxNode> _declarations = new();
    private readonly ClosureAnalysis.NestingIndex _nesting = new();
    private readonly bool _framesOnly;
    // Type names by symbol object: ToDisplayString is costly, and the sites of a file share their types.
    private readonly Dictionary<ITypeSymbol, string> _displays = new(SameObject.Instance);
    // Sizes by symbol object too: the layout's cache compares symbols by value, slower than this lookup by object.
    private readonly Dictionary<ITypeSymbol, long?> _sizes = new(SameObject.Instance);
    // The variables a state machine may hold (see HoistedInto), picked out of _variables once.
    private List<VariableStorage>? _hoistable;

    /// <param name="framesOnly">List only what a stack frame holds (see <see cref="StorageModel.ClassifyFrames"/>):
    /// locals, stackalloc buffers and collection expressions, each classified exactly as in the full pass.</param>
    public FileClassifier(StorageModel model, SemanticModel semanticModel, CancellationToken cancellationToken, bool framesOnly = false)
    {
        _framesOnly = framesOnly;
        _model = model;
        _semanticModel = semanticModel;
        _cancellationToken = cancellationToken;
        _layout = model.Layout;
        _symbols = model.Symbols;
    }

    private bool IsDebug => _model.IsDebug;

    public FileStorage Run()
    {
        var root = _semanticModel.SyntaxTree.GetRoot(_cancellationToken);
        CollectRoots(root);
        GatherSyntax(root);
        _closures = ClosureAnalysis.Analyze(_roots.ConvertAll(r => r.Root), IsDebug, _nesting);
        AnalyzeStateMachines();
        if (!_framesOnly) NoteStaticConstructorStores(); // for static fields only

        var variables = ClassifyVariables();
        _variables = variables;
        var allocations = FindAllocations(root);
        return new FileStorage(_semanticModel.SyntaxTree,
            variables.OrderBy(v => v.Location.SourceSpan.Start).ToImmutableArray(),
            allocations.OrderBy(a => a.Location.SourceSpan.Start).ToImmutableArray());
    }

    /// <summary>Member bodies, expression bodies and initializers: the roots of the operation trees in this file.</summary>
    private void CollectRoots(SyntaxNode root)
    {
        if (root is CompilationUnitSyntax unit && unit.Members.Any(m => m is GlobalStatementSyntax)
            && _semanticModel.GetDeclaredSymbol(unit, _cancellationToken) is { } entryPoint)
        {
            AddRoot(unit, entryPoint);
        }

        // Descend through declarations only; bodies are taken whole as operation trees.
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax
                     or TypeDeclarationSyntax or BaseListSyntax or BasePropertyDeclarationSyntax or AccessorListSyntax
                     or BaseFieldDeclarationSyntax or VariableDeclarationSyntax or VariableDeclaratorSyntax
                     or ParameterListSyntax or ParameterSyntax or EnumDeclarationSyntax or EnumMemberDeclarationSyntax))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case BaseMethodDeclarationSyntax method:
                    AddRoot(method, _semanticModel.GetDeclaredSymbol(method, _cancellationToken));
                    break;
                case AccessorDeclarationSyntax accessor:
                    AddRoot(accessor, _semanticModel.GetDeclaredSymbol(accessor, _cancellationToken));
                    break;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is BasePropertyDeclarationSyntax property:
                    AddRoot(arrow, (_semanticModel.GetDeclaredSymbol(property, _cancellationToken) as IPropertySymbol)?.GetMethod);
                    break;
                case EqualsValueClauseSyntax initializer when initializer.Parent is VariableDeclaratorSyntax declarator:
                    AddRoot(initializer, _semanticModel.GetDeclaredSymbol(declarator, _cancellationToken));
                    break;
                case EqualsValueClauseSyntax initializer when initializer.Parent is PropertyDeclarationSyntax property:
                    AddRoot(initializer, _semanticModel.GetDeclaredSymbol(property, _cancellationToken));
                    break;
                case PrimaryConstructorBaseTypeSyntax baseCall:
                    AddRoot(baseCall, null);
                    break;
            }
        }
    }

    private void AddRoot(SyntaxNode node, ISymbol? owner)
    {
        if (owner is null) owner = _semanticModel.GetEnclosingSymbol(node.SpanStart, _cancellationToken);
        if (owner is not null && _semanticModel.GetOperation(node, _cancellationToken) is { } operation)
            _roots.Add((operation, owner));
    }

    /// <summary>Every async or iterator function gets the set of locals its state machine hoists in Release.</summary>
    private void AnalyzeStateMachines()
    {
        if (IsDebug) return; // Debug hoists every local: no flow analysis needed.
        for (int index = 0; index < _roots.Count; index++)
        {
            var (root, owner) = _roots[index];
            List<IMethodSymbol>? functions = null;
            if (_closures.NestedFunctionsOf(index) is { } nested)
            {
                foreach (var function in nested)
                    if (IsStateMachine(function)) (functions ??= new List<IMethodSymbol>()).Add(function);
            }
            if (owner is IMethodSymbol method && IsStateMachine(method)) (functions ??= new List<IMethodSymbol>()).Add(method);
            if (functions is null) continue;

            ControlFlowGraph? graph = TryCreateGraph(root);
            foreach (var function in functions)
            {
                var functionGraph = graph is null ? null
                    : SymbolEqualityComparer.Default.Equals(function, owner) ? graph : FindGraph(graph, function);
                _liveAcrossSuspension[function] = functionGraph is null
                    ? new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)
                    : SuspensionHoisting.LocalsLiveAcrossSuspension(functionGraph, function);
            }
        }
    }

    private ControlFlowGraph? TryCreateGraph(IOperation root)
    {
        try
        {
            return root switch
            {
                IMethodBodyOperation body => ControlFlowGraph.Create(body, _cancellationToken),
                IConstructorBodyOperation body => ControlFlowGraph.Create(body, _cancellationToken),
                IBlockOperation block => ControlFlowGraph.Create(block, _cancellationToken),
                IFieldInitializerOperation field => ControlFlowGraph.Create(field, _cancellationToken),
                IPropertyInitializerOperation property => ControlFlowGraph.Create(property, _cancellationToken),
                _ => null,
            };
        }
        catch (System.ArgumentException)
        {
            // Code with errors the flow graph does not accept: classify without flow facts rather than fail.
            return null;
        }
    }

    private static ControlFlowGraph? FindGraph(ControlFlowGraph graph, IMethodSymbol function)
    {
        foreach (var local in graph.LocalFunctions)
        {
            var nested = graph.GetLocalFunctionControlFlowGraph(local);
            if (SymbolEqualityComparer.Default.Equals(local, function)) return nested;
            if (FindGraph(nested, function) is { } found) return found;
        }
        foreach (var block in graph.Blocks)
        {
            foreach (var lambda in block.Operations.SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
            {
                var nested = graph.GetAnonymousFunctionControlFlowGraph(lambda);
                if (SymbolEqualityComparer.Default.Equals(lambda.Symbol, function)) return nested;
                if (FindGraph(nested, function) is { } found) return found;
            }
        }
        return null;
    }

    private bool IsStateMachine(IMethodSymbol function) => function.IsAsync || IsIterator(function);

    /// <summary>True when the body of <paramref name="function"/> (nested functions included) reads or writes the
    /// parameter: an optimized state machine copies only those.</summary>
    private bool IsReferenced(IParameterSymbol parameter, IMethodSymbol function)
    {
        if (!_referencedParameters.TryGetValue(function, out var referenced))
        {
            referenced = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var reference in function.DeclaringSyntaxReferences)
            {
                if (_semanticModel.GetOperation(reference.GetSyntax(_cancellationToken), _cancellationToken) is not { } body) continue;
                foreach (var operation in body.DescendantsAndSelf())
                    if (operation is IParameterReferenceOperation use) referenced.Add(use.Parameter);
            }
            _referencedParameters[function] = referenced;
        }
        // An indexer's parameter stands for the same-numbered parameter of its get accessor.
        if (parameter.ContainingSymbol is IPropertySymbol && parameter.Ordinal < function.Parameters.Length)
            parameter = function.Parameters[parameter.Ordinal];
        return referenced.Contains(parameter);
    }

    /// <summary>An iterator is a function whose own body (not a nested function's) contains a yield statement.</summary>
    private bool IsIterator(IMethodSymbol function)
    {
        // Only a function returning an enumerable or enumerator can be an iterator: the others need no body walk (nor a cache entry).
        if (!MayBeIterator(function.ReturnType)) return false;
        if (_iterators.TryGetValue(function, out var known)) return known;
        bool isIterator = function.DeclaringSyntaxReferences.Any(reference =>
        {
            var declaration = reference.GetSyntax(_cancellationToken);
            return declaration.DescendantNodes(n => n == declaration || !ClosureAnalysis.IsFunction(n)).OfType<YieldStatementSyntax>().Any();
        });
        _iterators[function] = isIterator;
        return isIterator;
    }

    private static bool MayBeIterator(ITypeSymbol returnType) =>
        returnType.TypeKind == TypeKind.Error
        || returnType.OriginalDefinition.SpecialType is SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_IEnumerator
            or SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_Generic_IEnumerator_T
        || returnType.Name is "IAsyncEnumerable" or "IAsyncEnumerator";

    /// <summary>Static fields a static constructor sets to a non-default value live in data, not BSS.</summary>
    private void NoteStaticConstructorStores()
    {
        foreach (var (root, owner) in _roots)
        {
            if (owner is not IMethodSymbol { MethodKind: MethodKind.StaticConstructor }) continue;
            foreach (var assignment in root.Descendants().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IFieldReferenceOperation { Field.IsStatic: true } field && !IsDefaultValue(assignment.Value))
                    _assignedInStaticConstructor.Add(field.Field.OriginalDefinition);
            }
        }
    }

    /// <summary>True when the value is the type's default (0, null, false, default, new S() of a plain struct).</summary>
    internal static bool IsDefaultValue(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value switch
            {
                null => true,
                bool b => !b,
                char c => c == '\0',
                string => false,
                double d => System.BitConverter.DoubleToInt64Bits(d) == 0, // -0.0 is not all-zero bits
                float f => System.BitConverter.DoubleToInt64Bits(f) == 0,
                decimal m => m == 0m,
                object o => System.Convert.ToDecimal(o, System.Globalization.CultureInfo.InvariantCulture) == 0m,
            };
        }
        return value switch
        {
            IDefaultValueOperation => true,
            IObjectCreationOperation { Type.IsValueType: true, Arguments.Length: 0, Initializer: null, Constructor: { IsImplicitlyDeclared: true } } => true,
            _ => false,
        };
    }

    private static bool IsInLoop(IOperation operation)
    {
        for (IOperation child = operation, parent = operation.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return false;
                case IForEachLoopOperation forEach when child == forEach.Collection:
                    continue;
                case IForLoopOperation forLoop when forLoop.Before.Contains(child):
                    continue;
                case ILoopOperation:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Syntax form of <see cref="IsInLoop(IOperation)"/> for nodes without operations (stackalloc, scopes).</summary>
    internal static bool IsInLoop(SyntaxNode node)
    {
        for (SyntaxNode child = node, parent = node.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            if (ClosureAnalysis.IsFunction(parent)) return false;
            switch (parent)
            {
                case WhileStatementSyntax or DoStatementSyntax:
                    return true;
                case ForStatementSyntax forLoop:
                    if (forLoop.Declaration == child || forLoop.Initializers.Contains(child)) continue;
                    return true;
                case CommonForEachStatementSyntax forEach:
                    if (forEach.Expression == child) continue;
                    return true;
            }
        }
        return false;
    }

    private long? SizeOf(ITypeSymbol? type)
    {
        if (type is null) return null;
        if (!_sizes.TryGetValue(type, out var size))
            _sizes[type] = size = _layout.IsKnown(type) ? _layout.SizeOf(type).Size : null;
        return size;
    }

    private static string Line(Location location) => (location.GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Display(ITypeSymbol? type)
    {
        if (type is null) return "?";
        if (!_displays.TryGetValue(type, out var display))
            _displays[type] = display = TypeNames.Of(type);
        return display;
    }

    /// <summary>Compares by object: a symbol object always displays the same, whereas symbols equal by
    /// <see cref="SymbolEqualityComparer"/> may not (nullability, tuple names); and it hashes cheaply.</summary>
    private sealed class SameObject : IEqualityComparer<ITypeSymbol>
    {
        public static readonly SameObject Instance = new();

        public bool Equals(ITypeSymbol? x, ITypeSymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(ITypeSymbol obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
