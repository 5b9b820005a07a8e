using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StorageAnalyzers.Core.Tests.Stack;

/// <summary>A snippet compiled (Release, unsafe allowed) against the shared framework, with ways to find its functions.</summary>
internal sealed class StackSnippet
{
    // Only the shared framework: the test host's TPA list also holds xunit, Roslyn, etc.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == frameworkDir)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private StackSnippet(CSharpCompilation compilation) => Compilation = compilation;

    public CSharpCompilation Compilation { get; }

    public SyntaxTree Tree => Compilation.SyntaxTrees.Single();

    /// <summary>Compiles a library (or a program when <paramref name="program"/>) and fails on any compile error.</summary>
    public static StackSnippet Compile(string source, bool program = false)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: "Snippet.cs");
        var compilation = CSharpCompilation.Create("Snippet", [tree], FrameworkReferences.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return new StackSnippet(compilation);
    }

    public StackAnalysis Analysis(int pointerSize = 8) => StackAnalysis.For(StorageModel.For(Compilation, pointerSize));

    public CallGraph Graph => CallGraph.For(Compilation);

    /// <summary>A method, constructor or accessor by "Type.Member" (".ctor", ".cctor", "get_P") of a top-level type in
    /// the global namespace; overloads are not supported.</summary>
    public IMethodSymbol Method(string typeDotMember)
    {
        int dot = typeDotMember.IndexOf('.');
        var type = Compilation.GetTypeByMetadataName(typeDotMember[..dot]) ?? throw new ArgumentException($"no type {typeDotMember[..dot]}");
        return type.GetMembers(typeDotMember[(dot + 1)..]).OfType<IMethodSymbol>().Single();
    }

    /// <summary>The n-th lambda of the file (0-based), from a fresh semantic model as a caller would get it.</summary>
    public IMethodSymbol Lambda(int index = 0)
    {
        var lambda = Tree.GetRoot().DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>().ElementAt(index);
        return (IMethodSymbol)Compilation.GetSemanticModel(Tree).GetSymbolInfo(lambda).Symbol!;
    }

    public IMethodSymbol LocalFunction(string name)
    {
        var declaration = Tree.GetRoot().DescendantNodes().OfType<LocalFunctionStatementSyntax>().Single(l => l.Identifier.Text == name);
        return (IMethodSymbol)Compilation.GetSemanticModel(Tree).GetDeclaredSymbol(declaration)!;
    }

    /// <summary>Emits the snippet and loads it into a collectible context; dispose the result to unload it.</summary>
    public LoadedSnippet Load()
    {
        using var pe = new MemoryStream();
        var result = Compilation.Emit(pe);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        pe.Position = 0;
        var context = new AssemblyLoadContext("StackSnippet", isCollectible: true);
        return new LoadedSnippet(context, context.LoadFromStream(pe));
    }
}

internal sealed class LoadedSnippet(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    public object? Invoke(string type, string method) =>
        Assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);

    public void Dispose() => context.Unload();
}

internal static class MethodNames
{
    /// <summary>"Type.Method" for assertions; lambdas as "lambda", local functions by name.</summary>
    public static string Name(this IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda",
        MethodKind.LocalFunction => method.Name,
        _ => $"{method.ContainingType.Name}.{method.Name}",
    };

    public static string[] Names(this IEnumerable<IMethodSymbol> methods) => methods.Select(Name).Order(StringComparer.Ordinal).ToArray();
}
