using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD2004: a function whose estimated frame (locals that stay in the frame, large by-value struct parameters,
/// stackalloc buffers, call overhead) takes more than <c>SD2004.frame_share</c> (10%) of the stack limit.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD2004LargeFrameAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Descriptors.Create(
        RuleIds.LargeFrame,
        title: "Large stack frame",
        messageFormat: "'{0}' needs an estimated {1} bytes of stack per call, {2} of the {3} stack limit: {4}",
        RuleCategories.Stack,
        DiagnosticSeverity.Info,
        description: "A function whose own frame takes a large share of the thread's stack leaves little room for the calls it makes, and overflows quickly when it recurses.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model)
    {
        var stack = StackAnalysis.For(model);
        context.RegisterSemanticModelAction(c =>
        {
            var provider = c.Options.AnalyzerConfigOptionsProvider;
            long limit = Settings.StackLimit.Read(provider, c.SemanticModel.SyntaxTree, RuleIds.LargeFrame);
            double share = Settings.FrameShare.Read(provider, c.SemanticModel.SyntaxTree, RuleIds.LargeFrame);
            long threshold = (long)(limit * share);
            // Where this rule runs (the IDE, info severity) the tag and heap rules classify the whole file anyway: the
            // frames then come from that classification rather than from a frames-only pass made beside it.
            model.Classify(c.SemanticModel, c.CancellationToken);
            foreach (var function in c.SemanticModel.SyntaxTree.GetRoot(c.CancellationToken).DescendantNodes().Where(IsFunctionWithBody))
            {
                var symbol = c.SemanticModel.GetDeclaredSymbol(function, c.CancellationToken) as IMethodSymbol
                    ?? c.SemanticModel.GetSymbolInfo(function, c.CancellationToken).Symbol as IMethodSymbol;
                if (symbol is null) continue;
                var frame = stack.Frame(symbol, c.CancellationToken);
                if (frame.Bytes <= threshold) continue;
                var items = string.Join(", ", frame.LargestItems.Select(i => $"{i.Name} {i.Bytes} B"));
                var location = FunctionNames.LocationOf(symbol) ?? function.GetLocation();
                c.ReportDiagnostic(Diagnostic.Create(Rule, location, FunctionNames.Of(symbol), frame.Bytes,
                    (frame.Bytes / (double)limit).ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture),
                    Settings.FormatSize(limit), items.Length > 0 ? items : "call overhead"));
            }
        });
    }

    private static bool IsFunctionWithBody(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax m => m.Body is not null || m.ExpressionBody is not null,
        AccessorDeclarationSyntax a => a.Body is not null || a.ExpressionBody is not null,
        LocalFunctionStatementSyntax l => l.Body is not null || l.ExpressionBody is not null,
        AnonymousFunctionExpressionSyntax => true,
        _ => false,
    };
}
