using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace StorageAnalyzers.Core.Tests.GroundTruth;

/// <summary>
/// The compiler is the authority: each snippet is compiled in Release and Debug, its IL and PDB are read, and the
/// classifier must agree with what was emitted — every heap allocation on its line (and no other), every hoisted
/// variable dynamic and every other local automatic, every static field's data/BSS as the .cctor stores it.
/// </summary>
public class GroundTruthTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Cases() =>
        from name in Snippets.All.Keys
        from level in new[] { OptimizationLevel.Release, OptimizationLevel.Debug }
        select new object[] { name, level };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifier_agrees_with_the_emitted_il(string snippet, OptimizationLevel level)
    {
        var facts = IlGroundTruth.Compile(Snippets.All[snippet], level);
        var tree = facts.Compilation.SyntaxTrees.Single();
        var storage = StorageModel.For(facts.Compilation).Classify(tree);

        var problems = new List<string>();
        problems.AddRange(CompareAllocations(facts, storage));
        problems.AddRange(CompareVariables(facts, storage));
        problems.AddRange(CompareStatics(facts, storage));

        if (problems.Count > 0)
        {
            output.WriteLine(facts.ToString());
            foreach (var v in storage.Variables) output.WriteLine($"model {Line(v.Location)}: {v}");
            foreach (var a in storage.Allocations) output.WriteLine($"model {Line(a.Location)}: {a} [{a.Certainty}]");
        }
        Assert.True(problems.Count == 0, $"{snippet} ({level}):\n" + string.Join("\n", problems));
    }

    /// <summary>Every newobj (class) / newarr / box / display class / state machine the IL allocates per call, by line.</summary>
    private static IEnumerable<string> CompareAllocations(EmittedFacts facts, FileStorage storage)
    {
        var emitted = facts.Allocations.Where(a => !a.Cached).Select(a => $"line {a.Line}: {a.Kind}").ToList();
        var modelled = new List<string>();
        foreach (var site in storage.Allocations.Where(s => s.Certainty == AllocationCertainty.Emitted && s.Storage == StorageClass.Dynamic))
        {
            int line = IlGroundTruth.SequencePointLine(site.Location, createsDelegate: site.Kind == AllocationKind.Delegate);
            if (site.Kind == AllocationKind.Collection)
            {
                // A collection expression is one or more objects and arrays on its line (builder, backing array).
                int removed = emitted.RemoveAll(e => e == $"line {line}: {IlAllocationKind.Object}" || e == $"line {line}: {IlAllocationKind.Array}");
                if (removed == 0) yield return $"model reports a collection on line {line} but the IL allocates nothing there";
                continue;
            }
            modelled.Add($"line {line}: {ToIlKind(site.Kind)}");
        }
        foreach (var missing in Subtract(emitted, modelled)) yield return $"IL allocates, model misses: {missing}";
        foreach (var extra in Subtract(modelled, emitted)) yield return $"model reports, IL has no allocation: {extra}";
    }

    private static IlAllocationKind ToIlKind(AllocationKind kind) => kind switch
    {
        AllocationKind.Object or AllocationKind.AnonymousType or AllocationKind.String => IlAllocationKind.Object,
        AllocationKind.Array or AllocationKind.ParamsArray => IlAllocationKind.Array,
        AllocationKind.Boxing => IlAllocationKind.Boxing,
        AllocationKind.Closure => IlAllocationKind.Closure,
        AllocationKind.Delegate => IlAllocationKind.Delegate,
        AllocationKind.StateMachine => IlAllocationKind.StateMachine,
        AllocationKind.Iterator => IlAllocationKind.Iterator,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a heap allocation the IL shows"),
    };

    /// <summary>Hoisted (display-class or state-machine field) is dynamic; struct closures and real IL locals are automatic.</summary>
    private static IEnumerable<string> CompareVariables(EmittedFacts facts, FileStorage storage)
    {
        var hoisted = facts.Hoisted.Where(h => h.Kind != HoistKind.StructClosure)
            .Select(h => (h.Method, h.Name)).ToHashSet();
        foreach (var variable in storage.Variables)
        {
            // An indexer's parameters belong to the indexer; the IL copies them in its get accessor.
            var owner = variable.Symbol.ContainingSymbol is IPropertySymbol { GetMethod: { } getter } ? getter : variable.Symbol.ContainingSymbol;
            if (variable.Kind is not (VariableKind.Local or VariableKind.Parameter) || owner is not IMethodSymbol function)
                continue;
            if (function.MethodKind == MethodKind.Constructor && function.ContainingType.IsRecord) continue; // positional: properties
            if (variable.Storage is not (StorageClass.Dynamic or StorageClass.Automatic)) continue;
            var key = (OutermostMethod(function), variable.Name);
            bool ilHoisted = hoisted.Contains(key);
            bool modelHoisted = variable.Storage == StorageClass.Dynamic;
            if (!ilHoisted && modelHoisted && SharesReusedStateMachineField(variable, storage, hoisted)) continue;
            if (ilHoisted != modelHoisted && !IsPrimaryConstructorParameter(variable))
                yield return $"{variable.Name} in {key.Item1} (line {Line(variable.Location)}): IL {(ilHoisted ? "hoists it to a heap field" : "keeps it out of heap fields")}, model says {variable.Storage.ToJsonValue()} ({variable.Reason})";
        }
    }

    /// <summary>
    /// Release reuses one state-machine field for locals of the same type in disjoint scopes, and the field keeps the
    /// first local's name: a hoisted local missing by name is accounted for by a same-typed, IL-hoisted local whose
    /// scope does not overlap its own.
    /// </summary>
    private static bool SharesReusedStateMachineField(VariableStorage variable, FileStorage storage, HashSet<(string, string)> hoisted)
    {
        if (variable.Symbol is not ILocalSymbol local || local.ContainingSymbol is not IMethodSymbol function) return false;
        var scope = ScopeOf(local);
        return storage.Variables.Any(other => other.Symbol is ILocalSymbol candidate && !SymbolEqualityComparer.Default.Equals(candidate, local)
            && SymbolEqualityComparer.Default.Equals(candidate.ContainingSymbol, function)
            && SymbolEqualityComparer.Default.Equals(candidate.Type, local.Type)
            && hoisted.Contains((OutermostMethod(function), candidate.Name))
            && !ScopeOf(candidate).Span.IntersectsWith(scope.Span));
    }

    private static SyntaxNode ScopeOf(ILocalSymbol local) =>
        local.DeclaringSyntaxReferences[0].GetSyntax().Ancestors().First(n => n is BlockSyntax);

    private static bool IsPrimaryConstructorParameter(VariableStorage variable) =>
        variable.Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } ctor }
        && ctor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax);

    /// <summary>A static field is data exactly when the type initializer stores a non-default value into it.</summary>
    private static IEnumerable<string> CompareStatics(EmittedFacts facts, FileStorage storage)
    {
        foreach (var variable in storage.Variables.Where(v => v.Storage is StorageClass.StaticData or StorageClass.StaticBss))
        {
            var fieldName = variable.Symbol switch
            {
                IFieldSymbol field => field.Name,
                IEventSymbol e => e.Name,
                _ => null,
            };
            if (fieldName is null) continue;
            var key = MetadataName(variable.Symbol.ContainingType) + "." + fieldName;
            if (!facts.StaticFields.TryGetValue(key, out var init))
            {
                yield return $"static {key}: not found in the IL";
                continue;
            }
            bool ilData = init == StaticInit.NonDefault;
            if (ilData != (variable.Storage == StorageClass.StaticData))
                yield return $"static {key}: .cctor {init}, model says {variable.Storage.ToJsonValue()} ({variable.Reason})";
        }
    }

    private static string OutermostMethod(IMethodSymbol function)
    {
        while (function.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction && function.ContainingSymbol is IMethodSymbol outer)
            function = outer;
        return function.MetadataName;
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private static IEnumerable<string> Subtract(List<string> from, List<string> remove)
    {
        var rest = new List<string>(from);
        foreach (var item in remove) rest.Remove(item);
        return rest;
    }

    private static int Line(Location location) => location.GetLineSpan().StartLinePosition.Line + 1;
}
