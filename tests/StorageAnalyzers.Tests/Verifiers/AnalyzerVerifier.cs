using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace StorageAnalyzers.Tests.Verifiers;

/// <summary>A thin wrapper over the Roslyn testing library: .NET 8 reference assemblies, latest C#, unsafe allowed.</summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, globalConfig: null, OptimizationLevel.Release, expected);

    public static Task VerifyAsync(string source, string? globalConfig, OptimizationLevel optimization, params DiagnosticResult[] expected) =>
        VerifyAsync(source, globalConfig, optimization, OutputKind.DynamicallyLinkedLibrary, expected);

    /// <summary>Several files of one compilation (the parts of a partial type, say), each with its own markup.</summary>
    public static async Task VerifyFilesAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Test(OptimizationLevel.Release);
        foreach (var source in sources) test.TestState.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>The source compiled as a program, so that its <c>Main</c> or top-level statements are the entry point.</summary>
    public static Task VerifyProgramAsync(string source, string? globalConfig, params DiagnosticResult[] expected) =>
        VerifyAsync(source, globalConfig, OptimizationLevel.Release, OutputKind.ConsoleApplication, expected);

    private static async Task VerifyAsync(string source, string? globalConfig, OptimizationLevel optimization, OutputKind outputKind, DiagnosticResult[] expected)
    {
        var test = new Test(optimization) { TestCode = source };
        test.TestState.OutputKind = outputKind;
        if (globalConfig is not null)
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        private readonly OptimizationLevel _optimization;

        public Test(OptimizationLevel optimization)
        {
            _optimization = optimization;
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
            // Compiler warnings (unused variables and the like) are not what these tests are about.
            CompilerDiagnostics = CompilerDiagnostics.Errors;
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithAllowUnsafe(true).WithOptimizationLevel(_optimization);
    }
}
