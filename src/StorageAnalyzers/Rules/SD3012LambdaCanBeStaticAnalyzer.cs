using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.Rules;

/// <summary>
/// SD3012: a lambda or anonymous method that uses no local, parameter or <c>this</c> from outside itself can be
/// <c>static</c> (C# 9+). It allocates nothing today (the compiler caches its delegate); the modifier turns a later
/// capture into a compile error instead of a silent closure and a delegate per call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SD3012LambdaCanBeStaticAnalyzer : StorageAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = Descriptors.Create(
        RuleIds.LambdaCanBeStatic,
        title: "Lambda can be static",
        messageFormat: "Lambda can be static: it captures nothing, so marking it static keeps it from ever allocating a closure or a delegate per call when edited later",
        RuleCategories.Heap,
        DiagnosticSeverity.Hidden,
        description: "A lambda that captures nothing is cached by the compiler and allocates nothing. One edit that uses a local, a parameter or this from outside it makes it allocate a closure and a new delegate each time it runs, with no warning; a static lambda turns that edit into a compile error.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, StorageModel model) =>
        context.RegisterOperationAction(c =>
        {
            var lambda = (IAnonymousFunctionOperation)c.Operation;
            // Query clauses are lambdas with no lambda syntax: nothing to mark.
            if (lambda.Syntax is not AnonymousFunctionExpressionSyntax syntax
                || syntax.Modifiers.Any(SyntaxKind.StaticKeyword)
                || ((CSharpParseOptions)syntax.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp9
                || Captures(lambda))
                return;
            c.ReportDiagnostic(Diagnostic.Create(Descriptor, Head(syntax)));
        }, OperationKind.AnonymousFunction);

    /// <summary>True when the body uses anything a static lambda cannot: this, or a variable or non-static local function from outside.</summary>
    private static bool Captures(IAnonymousFunctionOperation lambda)
    {
        foreach (var operation in lambda.Body.Descendants())
        {
            switch (operation)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return true;
                case ILocalReferenceOperation { Local: { IsConst: false } local } when IsOutside(local, lambda.Symbol):
                    return true;
                case IParameterReferenceOperation { Parameter: var parameter } when IsOutside(parameter, lambda.Symbol):
                    return true;
                case IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction, IsStatic: false } function } when IsOutside(function, lambda.Symbol):
                    return true;
                case IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction, IsStatic: false } function } when IsOutside(function, lambda.Symbol):
                    return true;
            }
        }
        return false;
    }

    private static bool IsOutside(ISymbol symbol, IMethodSymbol lambda)
    {
        for (var container = symbol.ContainingSymbol; container is not null; container = container.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(container, lambda)) return false;
        }
        return true;
    }

    /// <summary>The lambda up to its arrow (or an anonymous method up to its parameters): the light bulb, not the whole body.</summary>
    private static Location Head(AnonymousFunctionExpressionSyntax syntax)
    {
        int end = syntax switch
        {
            LambdaExpressionSyntax lambda => lambda.ArrowToken.Span.End,
            AnonymousMethodExpressionSyntax method => method.ParameterList?.Span.End ?? method.DelegateKeyword.Span.End,
            _ => syntax.Span.End,
        };
        return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
    }
}
