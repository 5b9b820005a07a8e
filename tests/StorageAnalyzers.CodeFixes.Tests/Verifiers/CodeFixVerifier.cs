using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace StorageAnalyzers.CodeFixes.Tests.Verifiers;

/// <summary>
/// A thin wrapper over the Roslyn code-fix test: .NET 8 reference assemblies, latest C#, unsafe allowed, an optional
/// .globalconfig, and the code action picked by its equivalence key. The fixed code must compile and, unless its
/// markup says otherwise, carry no diagnostic of the rule; Fix All (document, project, solution) is checked too.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Verifies that the fix turns <paramref name="source"/> into <paramref name="fixedSource"/>; pass the
    /// source itself as <paramref name="fixedSource"/> to verify that no fix is offered.</summary>
    public static Task VerifyAsync(string source, string fixedSource, string equivalenceKey, string? globalConfig = null) =>
        new Test(equivalenceKey, globalConfig) { TestCode = source, FixedCode = fixedSource }.RunAsync();

    /// <summary>For the rarer expectations: Fix All iterations, a separate <c>BatchFixedState</c>, <c>CodeActionIndex</c>.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test(string equivalenceKey, string? globalConfig = null)
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
            CodeActionEquivalenceKey = equivalenceKey;
            if (globalConfig is not null)
                TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithAllowUnsafe(true);
    }
}
