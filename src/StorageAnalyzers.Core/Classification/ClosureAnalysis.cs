using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.Core.Classification;

/// <summary>
/// Which variables lambdas and local functions capture, and whether the compiler puts them in a heap display class
/// or a struct closure on the stack. Mirrors Roslyn's closure conversion: captured variables of one scope share one
/// environment; it is a struct only when every function that captures it is a local function that is never turned
/// into a delegate and never referenced from a lambda (such functions take the struct by ref).
/// </summary>
internal sealed class ClosureAnalysis
{
    private readonly Dictionary<ISymbol, HashSet<IMethodSymbol>> _capturers = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _classEnvironmentFunctions = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _inClassEnvironment = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _capturesThis = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _capturesVariables = new(SymbolEqualityComparer.Default);

    private readonly bool _isDebug;
    private readonly List<IMethodSymbol>?[] _nestedFunctions;

    private ClosureAnalysis(bool isDebug, int roots)
    {
        _isDebug = isDebug;
        _nestedFunctions = new List<IMethodSymbol>?[roots];
    }

    /// <summary>Class environments (display classes) by the scope syntax that allocates them, with their variables.</summary>
    public Dictionary<SyntaxNode, List<ISymbol>> ClassEnvironments { get; } = new();

    public static ClosureAnalysis Analyze(IReadOnlyList<IOperation> roots, bool isDebug, NestingIndex nesting)
    {
        var analysis = new ClosureAnalysis(isDebug, roots.Count);
        var referencesToLocalFunctions = new List<(IMethodSymbol Target, IMethodSymbol From, bool AsDelegate)>();

        // Each pending operation with the innermost lambda or local function around it (null in the member's own code).
        var pending = new Stack<(IOperation Operation, IMethodSymbol? Around)>();
        for (int index = 0; index < roots.Count; index++)
        {
            var root = roots[index];
            // Without a lambda, local function or query nothing in the root can capture: its operations need no walk.
            var rootNesting = nesting.In(root.Syntax.Span);
            if (rootNesting == Nesting.None) continue;
            // Outside lambdas and queries every operation of a root runs in the same member: the semantic model is
            // asked for it once per root, not at every reference.
            bool memberKnown = false;
            IMethodSymbol? member = null;
            pending.Push((root, null));
            while (pending.Count > 0)
            {
                var (operation, around) = pending.Pop();
                IMethodSymbol? function = null;
                if (NeedsFunction(operation))
                {
                    function = around;
                    if (function is null && rootNesting == Nesting.Query && InQuery(operation))
                    {
                        function = EnclosingMember(operation); // a query clause is its own (implicit) lambda
                    }
                    else if (function is null)
                    {
                        if (!memberKnown) member = EnclosingMember(operation);
                        memberKnown = true;
                        function = member;
                    }
                }
                if (NestedFunction(operation) is { } nested) (analysis._nestedFunctions[index] ??= new List<IMethodSymbol>()).Add(nested);
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        analysis.NoteReference(local.Local, function);
                        break;
                    case IParameterReferenceOperation parameter:
                        analysis.NoteReference(parameter.Parameter, function);
                        break;
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                        if (function is { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                            analysis._capturesThis.Add(function);
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call when function is not null:
                        referencesToLocalFunctions.Add((call.TargetMethod.OriginalDefinition, function, false));
                        break;
                    case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference when function is not null:
                        referencesToLocalFunctions.Add((reference.Method.OriginalDefinition, function, true));
                        break;
                    case IAnonymousFunctionOperation lambda:
                        analysis._classEnvironmentFunctions.Add(lambda.Symbol);
                        break;
                    case ILocalFunctionOperation localFunction when localFunction.Symbol.IsAsync || IsIteratorBody(localFunction):
                        // An async or iterator local function keeps its environment in its state machine: a class.
                        analysis._classEnvironmentFunctions.Add(localFunction.Symbol);
                        break;
                }
                // Pushed last to first: children are visited in source order, as DescendantsAndSelf would.
                var aroundChildren = NestedFunction(operation) ?? around;
                foreach (var child in operation.ChildOperations.Reverse()) pending.Push((child, aroundChildren));
            }
        }

        // A local function needs a class environment when it becomes a delegate or is reachable from a function that
        // already has one (a lambda cannot pass a struct by ref). Iterate to a fixpoint over the reference list.
        foreach (var (target, _, asDelegate) in referencesToLocalFunctions)
            if (asDelegate) analysis._classEnvironmentFunctions.Add(target);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (target, from, _) in referencesToLocalFunctions)
                if (analysis.IsInsideClassEnvironmentFunction(from) && analysis._classEnvironmentFunctions.Add(target))
                    changed = true;
        }

        analysis.BuildEnvironments();
        return analysis;
    }

    public enum Nesting { None, Functions, Query }

    /// <summary>Where a file's lambdas, anonymous methods and local functions (the only sources of
    /// <see cref="NestedFunction"/>s and captures) and its queries (whose clauses are lambdas too) start, noted in
    /// document order by the classifier's one walk over the tree.</summary>
    public sealed class NestingIndex
    {
        private readonly List<int> _functions = new();
        private readonly List<int> _queries = new();

        public void AddFunction(int position) => _functions.Add(position);

        public void AddQuery(int position) => _queries.Add(position);

        /// <summary>What starts inside <paramref name="span"/>: a query, else a function, else nothing.</summary>
        public Nesting In(TextSpan span) =>
            StartsIn(_queries, span) ? Nesting.Query : StartsIn(_functions, span) ? Nesting.Functions : Nesting.None;

        private static bool StartsIn(List<int> sorted, TextSpan span)
        {
            int index = sorted.BinarySearch(span.Start);
            if (index < 0) index = ~index; // the first position at or after the start
            return index < sorted.Count && sorted[index] < span.End;
        }
    }

    private static bool IsIteratorBody(IOperation localFunction) =>
        localFunction.Syntax.DescendantNodes(n => n == localFunction.Syntax || !IsFunction(n)).OfType<YieldStatementSyntax>().Any();

    /// <summary>The lambdas and local functions declared in the root at <paramref name="index"/>, in source order;
    /// null when it has none.</summary>
    public List<IMethodSymbol>? NestedFunctionsOf(int index) => _nestedFunctions[index];

    /// <summary>The lambda or local function an operation declares.</summary>
    public static IMethodSymbol? NestedFunction(IOperation operation) => operation switch
    {
        IAnonymousFunctionOperation lambda => lambda.Symbol,
        ILocalFunctionOperation local => local.Symbol,
        _ => null,
    };

    /// <summary>True when some lambda or local function captures <paramref name="variable"/>.</summary>
    public bool IsCaptured(ISymbol variable) => _capturers.ContainsKey(variable);

    /// <summary>True when the variable lives in a heap display class.</summary>
    public bool IsInClassEnvironment(ISymbol variable) => _inClassEnvironment.Contains(variable);

    /// <summary>True when the function captures anything (a variable or <c>this</c>), so its delegate is not cached.</summary>
    public bool CapturesAnything(IMethodSymbol function) =>
        _capturesThis.Contains(function) || _capturesVariables.Contains(function);

    public bool CapturesVariables(IMethodSymbol function) => _capturesVariables.Contains(function);

    /// <summary>True when a function that captures these variables also uses <c>this</c>: the display class holds it.</summary>
    public bool EnvironmentHoldsThis(IEnumerable<ISymbol> variables) =>
        variables.Any(v => _capturers.TryGetValue(v, out var set) && set.Any(_capturesThis.Contains));

    /// <summary>Names the functions that capture the variable, for reasons ("captured by a lambda").</summary>
    public IEnumerable<IMethodSymbol> CapturersOf(ISymbol variable) =>
        _capturers.TryGetValue(variable, out var set) ? set : Enumerable.Empty<IMethodSymbol>();

    /// <summary>True when the function (or one enclosing it) cannot take a struct environment by ref.</summary>
    public bool NeedsClassEnvironment(IMethodSymbol function) => IsInsideClassEnvironmentFunction(function);

    private bool IsInsideClassEnvironmentFunction(IMethodSymbol function)
    {
        for (ISymbol? f = function; f is IMethodSymbol m && m.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction; f = m.ContainingSymbol)
            if (_classEnvironmentFunctions.Contains(m)) return true;
        return false;
    }

    /// <summary>The operations whose handling above needs the function they run in.</summary>
    private static bool NeedsFunction(IOperation operation) => operation.Kind is OperationKind.LocalReference
        or OperationKind.ParameterReference or OperationKind.InstanceReference or OperationKind.Invocation or OperationKind.MethodReference;

    private void NoteReference(ISymbol variable, IMethodSymbol? function)
    {
        var owner = variable.ContainingSymbol;
        // Every function between the reference and the variable's owner captures it.
        for (ISymbol? f = function; f is IMethodSymbol m && !SymbolEqualityComparer.Default.Equals(m, owner)
             && m.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction; f = m.ContainingSymbol)
        {
            if (!_capturers.TryGetValue(variable, out var set))
                _capturers[variable] = set = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            set.Add(m);
            _capturesVariables.Add(m);
        }
    }

    private void BuildEnvironments()
    {
        // Group captured variables by declaring scope; an environment is a class when any capturer needs one.
        var byScope = new Dictionary<SyntaxNode, List<ISymbol>>();
        foreach (var variable in _capturers.Keys)
        {
            if (DeclaringScope(variable, _isDebug) is not { } scope) continue;
            if (!byScope.TryGetValue(scope, out var list)) byScope[scope] = list = new List<ISymbol>();
            list.Add(variable);
        }
        foreach (var pair in byScope)
        {
            if (!pair.Value.Any(v => _capturers[v].Any(IsInsideClassEnvironmentFunction))) continue;
            pair.Value.Sort((a, b) => a.Locations[0].SourceSpan.Start.CompareTo(b.Locations[0].SourceSpan.Start));
            ClassEnvironments[pair.Key] = pair.Value;
            foreach (var v in pair.Value) _inClassEnvironment.Add(v);
        }
    }

    /// <summary>The innermost lambda, local function or member whose body contains the operation.</summary>
    public static IMethodSymbol? InnermostFunction(IOperation operation) => EnclosingLambda(operation) ?? EnclosingMember(operation);

    private static IMethodSymbol? EnclosingLambda(IOperation operation)
    {
        for (var op = operation.Parent; op is not null; op = op.Parent)
        {
            switch (op)
            {
                case IAnonymousFunctionOperation lambda: return lambda.Symbol;
                case ILocalFunctionOperation local: return local.Symbol;
            }
        }
        return null;
    }

    private static bool InQuery(IOperation operation) => operation.Syntax.FirstAncestorOrSelf<QueryExpressionSyntax>() is not null;

    private static IMethodSymbol? EnclosingMember(IOperation operation) =>
        operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart) as IMethodSymbol;

    /// <summary>
    /// The syntax whose entry allocates the environment holding the variable: the body of the function for
    /// parameters, else the nearest enclosing block, switch section, loop, catch, using or fixed statement.
    /// </summary>
    public static SyntaxNode? DeclaringScope(ISymbol variable, bool isDebug = false)
    {
        if (variable.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not { } declaration) return null;
        if (variable is IParameterSymbol)
        {
            // Parameters share the environment of the function body's outermost scope, except that Debug builds keep
            // a constructor's parameters apart from its body (the constructor initializer sits between them).
            if (declaration.Ancestors().FirstOrDefault(IsFunction) is not { } function) return null;
            return isDebug && function is ConstructorDeclarationSyntax ? function : BodyScope(function);
        }
        // A foreach declares its iteration variable itself: that variable's scope is the loop (one per iteration).
        foreach (var node in declaration is CommonForEachStatementSyntax ? declaration.AncestorsAndSelf() : declaration.Ancestors())
        {
            switch (node)
            {
                case BlockSyntax:
                case SwitchSectionSyntax:
                case ForStatementSyntax:
                case CommonForEachStatementSyntax:
                case CatchClauseSyntax:
                case UsingStatementSyntax:
                case FixedStatementSyntax:
                case ArrowExpressionClauseSyntax:
                case GlobalStatementSyntax:
                    return node is GlobalStatementSyntax ? node.Parent : node;
                case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody is not null:
                    return lambda;
            }
            if (IsFunction(node)) return node;
        }
        return null;
    }

    /// <summary>The outermost scope of a function's body: its block, else its expression body, else the function.</summary>
    private static SyntaxNode BodyScope(SyntaxNode function) => function switch
    {
        BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody ?? function,
        AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody ?? function,
        LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody ?? function,
        AnonymousFunctionExpressionSyntax { Block: { } block } => block,
        _ => function,
    };

    public static bool IsFunction(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or TypeDeclarationSyntax or CompilationUnitSyntax
            or PropertyDeclarationSyntax or IndexerDeclarationSyntax;
}
