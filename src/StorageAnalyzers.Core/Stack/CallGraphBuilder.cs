using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.Core;

/// <summary>Builds a <see cref="CallGraph"/>: indexes overrides and interface implementations by the member they
/// stand for, then walks every function body's operation tree once. Not thread-safe; one instance per build.</summary>
internal sealed class CallGraphBuilder
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly INamedTypeSymbol? _thread;
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _taskFactory;
    private readonly INamedTypeSymbol? _genericTaskFactory;
    private readonly INamedTypeSymbol? _threadPool;
    // Function ids in the order met. A tree walked alone borrows the map for the walk only: Merge reads _methods.
    private readonly Dictionary<IMethodSymbol, int> _ids;
    private readonly List<IMethodSymbol> _methods = new();
    // Call sites per function, null until the function calls something (most functions of a tree are only called).
    // A function's callees are the distinct targets of its sites in order: every edge comes with a site.
    private readonly List<List<(Location Location, int[] Targets, IMethodSymbol? Called)>?> _sites = new();
    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _overriders;
    private readonly List<ThreadStartSite> _threadStarts = new();
    private readonly Stack<(IOperation Operation, int Function)> _pending = new();

    private CallGraphBuilder(Compilation compilation, CancellationToken cancellationToken,
        Dictionary<IMethodSymbol, List<IMethodSymbol>>? overriders = null, Dictionary<IMethodSymbol, int>? ids = null)
    {
        _overriders = overriders ?? new(SymbolEqualityComparer.Default);
        _ids = ids ?? new(SymbolEqualityComparer.Default);
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        _thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _taskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        _genericTaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        _threadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
    }

    public static CallGraph Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var builder = new CallGraphBuilder(compilation, cancellationToken);
        builder.IndexTypes();
        var collected = CallGraphCollector.Find(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            // A tree walked while its semantic model was bound joins in tree order, exactly as if walked here.
            if (collected?.Walked(tree) is { } walked) builder.Merge(walked);
            else builder.WalkTree(tree);
        }

        var callees = new int[builder._methods.Count][];
        var external = new bool[callees.Length];
        var sites = new ImmutableArray<CallSite>[callees.Length];
        var seenBy = new int[callees.Length];
        for (int i = 0; i < callees.Length; i++)
        {
            callees[i] = builder.CalleesOf(i, seenBy);
            external[i] = CallGraph.IsExternal(builder._methods[i], compilation.Assembly);
            sites[i] = builder.CallSitesOf(i);
        }
        return new CallGraph(compilation.Assembly, builder._ids, builder._methods.ToImmutableArray(), callees, external,
            sites, builder._threadStarts.ToImmutableArray());
    }

    /// <summary>Which source bodies a virtual or interface call may reach, and the implicit base constructor calls.</summary>
    private void IndexTypes()
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(_compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var container = pending.Pop();
            if (container is INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers()) pending.Push(member);
                continue;
            }
            var type = (INamedTypeSymbol)container;
            foreach (var nested in type.GetTypeMembers()) pending.Push(nested);
            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol method) continue;
                for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                    AddOverrider(overridden, method);
                if (method.MethodKind == MethodKind.Constructor && !method.IsStatic && CallsBaseImplicitly(method)
                    && ParameterlessConstructor(type.BaseType) is { } baseConstructor)
                {
                    int caller = Id(method), callee = Id(baseConstructor);
                    SitesOf(caller).Add((Location.None, new[] { callee }, null));
                }
            }
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) continue;
            foreach (var face in type.AllInterfaces)
            {
                foreach (var member in face.GetMembers())
                {
                    if (member is IMethodSymbol faceMethod && type.FindImplementationForInterfaceMember(faceMethod) is IMethodSymbol implementation)
                        AddOverrider(faceMethod, implementation);
                }
            }
        }
    }

    private void AddOverrider(IMethodSymbol member, IMethodSymbol body)
    {
        body = CallGraph.Normalize(body);
        if (body.IsAbstract || CallGraph.IsExternal(body, _compilation.Assembly)) return;
        member = CallGraph.Normalize(member);
        if (!_overriders.TryGetValue(member, out var bodies)) _overriders[member] = bodies = new List<IMethodSymbol>();
        foreach (var known in bodies)
            if (SymbolEqualityComparer.Default.Equals(known, body)) return; // inherited by several types
        bodies.Add(body);
    }

    /// <summary>
    /// A constructor with no body to walk calls <c>base()</c>: an implicit one, or a primary constructor whose base
    /// type has no argument list. (A declared constructor's operation tree has the call, even when implicit.)
    /// </summary>
    private static bool CallsBaseImplicitly(IMethodSymbol constructor)
    {
        if (constructor.DeclaringSyntaxReferences.Length == 0) return true;
        return constructor.DeclaringSyntaxReferences[0].GetSyntax() is TypeDeclarationSyntax type
            && (type.BaseList is not { } list || !HasBaseArguments(list));
    }

    private static bool HasBaseArguments(BaseListSyntax list)
    {
        foreach (var baseType in list.Types)
            if (baseType is PrimaryConstructorBaseTypeSyntax) return true;
        return false;
    }

    private IMethodSymbol? ParameterlessConstructor(INamedTypeSymbol? type)
    {
        if (type is null || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly)) return null;
        foreach (var constructor in type.InstanceConstructors)
        {
            bool allOptional = true;
            foreach (var parameter in constructor.Parameters) allOptional &= parameter.IsOptional || parameter.IsParams;
            if (allOptional) return constructor;
        }
        return null;
    }

    /// <summary>The roots the classifier also uses: member bodies, expression bodies, initializers, top-level code.</summary>
    /// <summary>The override index alone, for walking trees one at a time (<see cref="WalkAlone"/>).</summary>
    internal static Dictionary<IMethodSymbol, List<IMethodSymbol>> IndexOverriders(Compilation compilation, CancellationToken cancellationToken)
    {
        var builder = new CallGraphBuilder(compilation, cancellationToken);
        builder.IndexTypes();
        return builder._overriders;
    }

    /// <summary>The calls of one tree with a semantic model the caller already has, in a builder of their own that
    /// <see cref="Merge"/> later adds to the whole graph. <paramref name="ids"/> is an empty map lent for the walk,
    /// empty again after it (so that the caller can reuse its capacity for the next tree).</summary>
    internal static CallGraphBuilder WalkAlone(SemanticModel model, Dictionary<IMethodSymbol, List<IMethodSymbol>> overriders,
        Dictionary<IMethodSymbol, int> ids, CancellationToken cancellationToken)
    {
        var builder = new CallGraphBuilder(model.Compilation, cancellationToken, overriders, ids);
        try
        {
            builder.WalkTree(model.SyntaxTree, model);
        }
        finally
        {
            ids.Clear();
        }
        return builder;
    }

    /// <summary>Adds a tree walked alone: its functions get ids in the order it met them, its call sites keep their
    /// order.</summary>
    private void Merge(CallGraphBuilder tree)
    {
        var ids = new int[tree._methods.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = Id(tree._methods[i]);
        for (int i = 0; i < ids.Length; i++)
        {
            if (tree._sites[i] is not { } treeSites) continue;
            var sites = SitesOf(ids[i]);
            foreach (var (location, targets, called) in treeSites)
            {
                var mapped = new int[targets.Length];
                for (int t = 0; t < targets.Length; t++) mapped[t] = ids[targets[t]];
                sites.Add((location, mapped, called));
            }
        }
        _threadStarts.AddRange(tree._threadStarts);
    }

    private void WalkTree(SyntaxTree tree, SemanticModel? semanticModel = null)
    {
        var model = semanticModel ?? _compilation.GetSemanticModel(tree);
        var root = tree.GetRoot(_cancellationToken);
        if (root is CompilationUnitSyntax unit && HasGlobalStatements(unit))
            Walk(model, unit, model.GetDeclaredSymbol(unit, _cancellationToken));

        foreach (var node in root.DescendantNodes(IsDeclarationContainer))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case BaseMethodDeclarationSyntax method:
                    Walk(model, method, model.GetDeclaredSymbol(method, _cancellationToken));
                    break;
                case AccessorDeclarationSyntax accessor:
                    Walk(model, accessor, model.GetDeclaredSymbol(accessor, _cancellationToken));
                    break;
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property } arrow:
                    Walk(model, arrow, (model.GetDeclaredSymbol(property, _cancellationToken) as IPropertySymbol)?.GetMethod);
                    break;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } initializer:
                    WalkInitializer(model, initializer, model.GetDeclaredSymbol(declarator, _cancellationToken));
                    break;
                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } initializer:
                    WalkInitializer(model, initializer, model.GetDeclaredSymbol(property, _cancellationToken));
                    break;
                case PrimaryConstructorBaseTypeSyntax { Parent.Parent: TypeDeclarationSyntax type } baseCall:
                    Walk(model, baseCall, PrimaryConstructor(model, type));
                    break;
            }
        }
    }

    // Declarations only: bodies are taken whole as operation trees.
    private static bool IsDeclarationContainer(SyntaxNode node) =>
        node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BaseListSyntax
            or BasePropertyDeclarationSyntax or AccessorListSyntax or BaseFieldDeclarationSyntax or VariableDeclarationSyntax
            or VariableDeclaratorSyntax;

    private static bool HasGlobalStatements(CompilationUnitSyntax unit)
    {
        foreach (var member in unit.Members)
            if (member is GlobalStatementSyntax) return true;
        return false;
    }

    private IMethodSymbol? PrimaryConstructor(SemanticModel model, TypeDeclarationSyntax declaration)
    {
        if (model.GetDeclaredSymbol(declaration, _cancellationToken) is not { } type) return null;
        foreach (var constructor in type.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
                if (reference.GetSyntax(_cancellationToken) == declaration) return constructor;
        }
        return null;
    }

    private void Walk(SemanticModel model, SyntaxNode body, ISymbol? owner)
    {
        if (owner is IMethodSymbol method && model.GetOperation(body, _cancellationToken) is { } operation)
            WalkOperation(operation, Id(method));
    }

    /// <summary>Field and property initializers run in the constructors that do not chain to <c>this(...)</c>
    /// (static ones in the static constructor).</summary>
    private void WalkInitializer(SemanticModel model, EqualsValueClauseSyntax initializer, ISymbol? member)
    {
        if (member is null or IFieldSymbol { IsConst: true } || model.GetOperation(initializer, _cancellationToken) is not { } operation) return;
        foreach (var constructor in CallGraph.InitializerRunners(member)) WalkOperation(operation, Id(constructor));
    }

    /// <summary>Walks an operation tree with an explicit stack, tracking the innermost function each operation runs in.</summary>
    private void WalkOperation(IOperation root, int function)
    {
        _pending.Push((root, function));
        while (_pending.Count > 0)
        {
            var (operation, current) = _pending.Pop();
            int inner = Visit(operation, current);
            // Pushed last to first so children are visited, and edges ordered, in source order.
            foreach (var child in operation.ChildOperations.Reverse()) _pending.Push((child, inner));
        }
    }

    /// <summary>Adds the edges of one operation; returns the function its children run in.</summary>
    private int Visit(IOperation operation, int function)
    {
        switch (operation)
        {
            case IAnonymousFunctionOperation lambda:
                int lambdaId = Id(lambda.Symbol);
                if (!IsThreadStart(lambda)) SitesOf(function).Add((lambda.Syntax.GetLocation(), new[] { lambdaId }, null));
                return lambdaId;
            case ILocalFunctionOperation localFunction:
                return Id(localFunction.Symbol);
            case IInvocationOperation invocation:
                AddCall(function, invocation.TargetMethod, invocation.IsVirtual, invocation.Syntax);
                if (IsWorkItemStart(invocation.TargetMethod)) AddWorkItemStart(invocation, function);
                break;
            case IMethodReferenceOperation reference:
                if (!IsThreadStart(reference)) AddCall(function, reference.Method, reference.IsVirtual, reference.Syntax);
                break;
            case IObjectCreationOperation creation:
                if (creation.Constructor is { } constructor && !(constructor.IsImplicitlyDeclared && constructor.ContainingType.IsValueType))
                    AddCall(function, constructor, isVirtual: false, creation.Syntax); // new S() of a struct without a constructor is initobj
                if (_thread is not null && SymbolEqualityComparer.Default.Equals(creation.Type, _thread))
                    AddThreadStart(creation, function);
                break;
            case IPropertyReferenceOperation property:
                AddAccessors(function, property);
                break;
            case IEventAssignmentOperation { EventReference: IEventReferenceOperation reference } assignment:
                if ((assignment.Adds ? reference.Event.AddMethod : reference.Event.RemoveMethod) is { } accessor)
                    AddCall(function, accessor, !IsBaseReference(reference.Instance), assignment.Syntax);
                break;
            case IBinaryOperation { OperatorMethod: { } op }:
                AddCall(function, op, isVirtual: false, operation.Syntax);
                break;
            case IUnaryOperation { OperatorMethod: { } op }:
                AddCall(function, op, isVirtual: false, operation.Syntax);
                break;
            case IConversionOperation { OperatorMethod: { } op }:
                AddCall(function, op, isVirtual: false, operation.Syntax);
                break;
            case IIncrementOrDecrementOperation { OperatorMethod: { } op }:
                AddCall(function, op, isVirtual: false, operation.Syntax);
                break;
            case ICompoundAssignmentOperation { OperatorMethod: { } op }:
                AddCall(function, op, isVirtual: false, operation.Syntax);
                break;
        }
        return function;
    }

    /// <summary>The getter when the property is read, the setter when written, both for <c>+=</c>, <c>??=</c>, <c>++</c>.</summary>
    private void AddAccessors(int function, IPropertyReferenceOperation reference)
    {
        var (get, set) = reference.Parent switch
        {
            ISimpleAssignmentOperation assignment when assignment.Target == reference => (false, true),
            ICompoundAssignmentOperation assignment when assignment.Target == reference => (true, true),
            ICoalesceAssignmentOperation assignment when assignment.Target == reference => (true, true),
            IIncrementOrDecrementOperation => (true, true),
            ITupleOperation => (true, true), // a deconstruction target or a tuple read: both, to stay on the safe side
            _ => (true, false),
        };
        bool isVirtual = !IsBaseReference(reference.Instance);
        if (get && reference.Property.GetMethod is { } getter) AddCall(function, getter, isVirtual, reference.Syntax);
        if (set && reference.Property.SetMethod is { } setter) AddCall(function, setter, isVirtual, reference.Syntax);
    }

    private static bool IsBaseReference(IOperation? instance) =>
        instance is IInstanceReferenceOperation { Syntax: BaseExpressionSyntax };

    /// <summary>An edge to the target (unless abstract) and, for a virtual or interface call, to every override or
    /// implementation in source; one call site with all of them.</summary>
    private void AddCall(int function, IMethodSymbol target, bool isVirtual, SyntaxNode syntax)
    {
        var called = target;
        target = CallGraph.Normalize(target);
        if (target.MethodKind == MethodKind.DelegateInvoke) return; // targets come from the delegate creations
        if (target.IsPartialDefinition) return; // a partial method without implementation: the call is not emitted
        if (target is { MethodKind: MethodKind.Constructor, ContainingType.SpecialType: SpecialType.System_Object })
            return; // every constructor chains to object's, which is empty: the JIT drops the call
        int own = target.IsAbstract ? 0 : 1;
        List<IMethodSymbol>? bodies = null;
        if (isVirtual) _overriders.TryGetValue(target, out bodies);
        int count = own + (bodies?.Count ?? 0);
        if (count == 0) return;
        var targets = new int[count];
        if (own == 1) targets[0] = Id(target);
        for (int i = own; i < count; i++) targets[i] = Id(bodies![i - own]);
        SitesOf(function).Add((syntax.GetLocation(), targets, called));
    }

    /// <summary>A lambda or method group given to <c>new Thread(...)</c> as its start, or handed to the thread pool:
    /// it runs on another stack.</summary>
    private bool IsThreadStart(IOperation target)
    {
        if (target.Parent is not IDelegateCreationOperation creation) return false;
        var parent = creation.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        return parent switch
        {
            IArgumentOperation { Parameter.Ordinal: 0, Parent: IObjectCreationOperation threadCreation } =>
                _thread is not null && SymbolEqualityComparer.Default.Equals(threadCreation.Type, _thread),
            IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation invocation } => IsWorkItemStart(invocation.TargetMethod),
            _ => false,
        };
    }

    /// <summary><c>Task.Run</c>, <c>Task.Factory.StartNew</c>, <c>ThreadPool.QueueUserWorkItem</c> and
    /// <c>ThreadPool.UnsafeQueueUserWorkItem</c>: their first argument runs on a thread-pool thread.</summary>
    private bool IsWorkItemStart(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null) return false;
        return method.Name switch
        {
            "Run" => SymbolEqualityComparer.Default.Equals(type, _task),
            "StartNew" => SymbolEqualityComparer.Default.Equals(type, _taskFactory) || SymbolEqualityComparer.Default.Equals(type, _genericTaskFactory),
            "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" => SymbolEqualityComparer.Default.Equals(type, _threadPool),
            _ => false,
        };
    }

    private void AddWorkItemStart(IInvocationOperation invocation, int function)
    {
        IMethodSymbol? start = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0) start = DelegateTarget(argument.Value);
        }
        if (start is not null) Id(start);
        _threadStarts.Add(new ThreadStartSite(invocation.Syntax.GetLocation(), _methods[function], start, 0, ThreadStartKind.ThreadPool));
    }

    private void AddThreadStart(IObjectCreationOperation creation, int function)
    {
        IMethodSymbol? start = null;
        int? maxStackSize = 0;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is null) continue;
            if (argument.Parameter.Ordinal == 0)
                start = DelegateTarget(argument.Value);
            else if (argument.Parameter.Name == "maxStackSize")
                maxStackSize = argument.Value.ConstantValue is { HasValue: true, Value: int size } ? size : null;
        }
        if (start is not null) Id(start); // the thread's entry is a node even though nothing here calls it
        _threadStarts.Add(new ThreadStartSite(creation.Syntax.GetLocation(), _methods[function], start, maxStackSize));
    }

    private static IMethodSymbol? DelegateTarget(IOperation value)
    {
        while (value is IConversionOperation conversion) value = conversion.Operand;
        return value is IDelegateCreationOperation creation
            ? creation.Target switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                IMethodReferenceOperation reference => CallGraph.Normalize(reference.Method),
                _ => null,
            }
            : null;
    }

    private int Id(IMethodSymbol method)
    {
        method = CallGraph.Normalize(method);
        if (_ids.TryGetValue(method, out int id)) return id;
        id = _methods.Count;
        _ids.Add(method, id);
        _methods.Add(method);
        _sites.Add(null);
        return id;
    }

    private List<(Location Location, int[] Targets, IMethodSymbol? Called)> SitesOf(int function) =>
        _sites[function] ??= new List<(Location, int[], IMethodSymbol?)>();

    private ImmutableArray<CallSite> CallSitesOf(int function)
    {
        if (_sites[function] is not { } found) return ImmutableArray<CallSite>.Empty;
        var sites = ImmutableArray.CreateBuilder<CallSite>(found.Count);
        foreach (var (location, targets, called) in found)
        {
            var methods = ImmutableArray.CreateBuilder<IMethodSymbol>(targets.Length);
            foreach (int target in targets) methods.Add(_methods[target]);
            sites.Add(new CallSite(location, methods.MoveToImmutable(), called));
        }
        return sites.MoveToImmutable();
    }

    /// <summary>The distinct targets of a function's call sites, in the order first called; <paramref name="seenBy"/>
    /// (one slot per function, zero at first) marks the targets already listed.</summary>
    private int[] CalleesOf(int function, int[] seenBy)
    {
        if (_sites[function] is not { } sites) return Array.Empty<int>();
        var callees = new List<int>();
        foreach (var (_, targets, _) in sites)
        {
            foreach (int target in targets)
            {
                if (seenBy[target] == function + 1) continue;
                seenBy[target] = function + 1;
                callees.Add(target);
            }
        }
        return callees.ToArray();
    }
}
