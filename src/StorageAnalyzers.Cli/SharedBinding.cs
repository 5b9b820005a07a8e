using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StorageAnalyzers.Cli;

/// <summary>
/// Runs analyzers beside the compiler's own diagnostics, binding every method body once: when analyzers run, Roslyn's
/// method compiler hands each body it binds for its diagnostics to the analyzers' semantic models (a
/// <c>CompilationWithAnalyzers</c> gives both). Asking a compilation for its diagnostics and then for semantic models
/// of its own binds every body twice.
/// </summary>
internal static class SharedBinding
{
    /// <summary>The compiler's and the analyzers' diagnostics. An exception in an analyzer (one of ours) is rethrown
    /// with its own stack trace, as it would be outside the driver, rather than a lost file.</summary>
    public static ImmutableArray<Diagnostic> Run(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions? analyzerOptions)
    {
        ExceptionDispatchInfo? failure = null;
        var options = new CompilationWithAnalyzersOptions(analyzerOptions ?? new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => failure ??= ExceptionDispatchInfo.Capture(exception),
            concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        failure?.Throw();
        return diagnostics;
    }

    /// <summary>
    /// The compilation without nullable analysis: nullable annotations stay (no warning about them, the same nullable
    /// attributes in the image), nullable warnings go (files with a <c>#nullable enable</c> directive keep them).
    /// Storage, frames and IL do not depend on the analysis, the compiler otherwise runs it on every member it binds,
    /// and its warnings (even as errors) do not keep code from binding.
    /// </summary>
    public static Compilation WithoutNullableAnalysis(Compilation compilation) => compilation is CSharpCompilation csharp
        ? csharp.WithOptions(csharp.Options.WithNullableContextOptions(NullableContextOptions.Annotations))
        : compilation;

    /// <summary>An analyzer the CLI runs itself (never loaded from an analyzer assembly) to gather the storage model
    /// from the driver's semantic models. Reports nothing; its one rule exists because the driver skips an analyzer
    /// without an enabled rule, and is not configurable so that no project's settings can switch the gathering off.</summary>
    public abstract class ModelAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("SDCLI", "Storage model", "Storage model", "StorageAnalyzers.Cli",
            DiagnosticSeverity.Hidden, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.NotConfigurable);

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // The trees to look at are chosen by the caller: an auto-generated header on one does not change that.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.RegisterSemanticModelAction(c => Gather(c.SemanticModel, c.CancellationToken));
        }

        /// <summary>Called once per tree, with the driver's semantic model, once the compiler has bound the tree's methods.</summary>
        protected abstract void Gather(SemanticModel semanticModel, CancellationToken cancellationToken);
    }
}
