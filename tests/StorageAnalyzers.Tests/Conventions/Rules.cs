using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Tests.Conventions;

/// <summary>Every analyzer, descriptor and code fix the shipped assemblies hold, found by reflection as a host finds them.</summary>
internal static class Rules
{
    public static ImmutableArray<Type> AnalyzerTypes { get; } = ConcreteSubclassesOf<DiagnosticAnalyzer>(typeof(RuleIds).Assembly);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
        Analyzers.SelectMany(a => a.SupportedDiagnostics).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    public static ImmutableArray<Type> CodeFixTypes { get; } =
        ConcreteSubclassesOf<CodeFixProvider>(Assembly.Load(new AssemblyName("StorageAnalyzers.CodeFixes")));

    /// <summary>The IDs some code fix offers a fix for.</summary>
    public static ImmutableHashSet<string> FixedIds { get; } = CodeFixTypes
        .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
        .ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>A severity as the README writes it (the release-tracking files capitalise it).</summary>
    public static string Word(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Hidden => "hidden",
        DiagnosticSeverity.Info => "info",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    private static ImmutableArray<Type> ConcreteSubclassesOf<T>(Assembly assembly) => assembly.GetTypes()
        .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToImmutableArray();
}
