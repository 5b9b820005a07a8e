using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers;

/// <summary>
/// Base of every StorageAnalyzers rule: concurrent, skips generated code, reads the options once per compilation
/// and hands each rule the shared <see cref="StorageModel"/>, so no rule can forget these or classify twice.
/// </summary>
public abstract class StorageAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            int pointerSize = Settings.PointerSize.Read(start.Options.AnalyzerConfigOptionsProvider, tree: null, ruleId: null);
            var model = StorageModel.For(start.Compilation, pointerSize);
            OnCompilationStart(start, model);
        });
    }

    protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model);

    /// <summary>Diagnostic properties a fixer or a script can read without re-deriving the storage.</summary>
    protected static ImmutableDictionary<string, string?> Properties(StorageClass storage, long? sizeBytes) =>
        ImmutableDictionary<string, string?>.Empty
            .Add("storage", storage.ToJsonValue())
            .Add("sizeBytes", sizeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected static string Bytes(long? size) => size is null ? "size known at run time" : size == 1 ? "1 byte" : $"{size} bytes";
}
