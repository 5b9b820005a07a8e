using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using StorageAnalyzers.Core;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD1002 on a small array that never leaves its method: <c>var digits = new int[8];</c> (or <c>new T[] { ... }</c>,
/// <c>new[] { ... }</c>, <c>T[] x = { ... }</c>) becomes <c>Span&lt;int&gt; digits = stackalloc int[8];</c>, and
/// <c>digits.AsSpan(...)</c> becomes <c>digits</c> or <c>digits.Slice(...)</c>. Offered when every use of the array
/// means the same on a span: elements read and written by an <c>int</c> or <c>Index</c>, <c>Length</c>,
/// <c>foreach</c>, and passing the array or its <c>AsSpan(...)</c> into a call that cannot keep the span (the array
/// to a span parameter, and only where the call still binds to the same method). Not offered when the array is stored, returned, captured, passed as an array, indexed by
/// a range, reassigned or taken by <c>ref</c>; in a loop (a stackalloc there grows the frame every iteration), in
/// <c>catch</c>/<c>finally</c> (no stackalloc there), in async or iterator code (no span there before C# 13); when
/// its bytes exceed the stackalloc limit SD2001 enforces; or without an initializer under <c>[SkipLocalsInit]</c>,
/// where the stack memory would not start as zeros.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD1002StackallocArrayFixer)), Shared]
public sealed class SD1002StackallocArrayFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.StackallocArray";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AllocationSite);

    protected override Func<Diagnostic, CodeAction?>? FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName("System.Span`1") is not { } span) return null;
        long limit = Settings.StackallocLimit.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, root.SyntaxTree, RuleIds.StackallocTooLarge);
        return diagnostic =>
        {
            if (!AllocationDiagnostic.IsKind(diagnostic, AllocationKind.Array) || AllocationDiagnostic.IsInLoop(diagnostic)
                || ArrayLocal.At(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, cancellationToken) is not { } array
                || array.Count is not > 0 || array.Bytes(model) is not { } bytes || bytes > limit
                || array.Initializer is null && !StackallocSite.IsZeroedAt(array.Creation.SpanStart, model, cancellationToken)
                || !CanHoldStackalloc(array.Statement, model, cancellationToken)
                || SpanUses(array, span, model, cancellationToken) is not { } asSpanCalls)
                return null;
            return CodeAction.Create($"Allocate the array on the stack ({bytes} bytes)",
                c => ToStackallocAsync(document, array, span, asSpanCalls, c), EquivalenceKey);
        };
    }

    /// <summary>Not in a catch or finally block (CS0255), nor in an async method or an iterator.</summary>
    private static bool CanHoldStackalloc(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        var function = References.FunctionOf(statement);
        if (statement.Ancestors().TakeWhile(a => a != function).Any(a => a is CatchClauseSyntax or FinallyClauseSyntax)) return false;
        if (function is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.AsyncKeyword)) return false;
        if (function is not AnonymousFunctionExpressionSyntax && model.GetEnclosingSymbol(statement.SpanStart, cancellationToken) is IMethodSymbol { IsAsync: true })
            return false;
        return !function.DescendantNodes(n => n == function || !Loops.IsFunction(n)).OfType<YieldStatementSyntax>().Any();
    }

    /// <summary>
    /// The <c>AsSpan</c> calls to rewrite when every use of the array works on a span, else null.
    /// </summary>
    private static List<InvocationExpressionSyntax>? SpanUses(ArrayLocal array, INamedTypeSymbol span, SemanticModel model, CancellationToken cancellationToken)
    {
        var asSpanCalls = new List<InvocationExpressionSyntax>();
        var function = References.FunctionOf(array.Statement);
        foreach (var use in References.Of(array.Symbol, function, model, cancellationToken))
        {
            if (References.FunctionOf(use) != function) return null; // captured: a span cannot be
            switch (use.Parent)
            {
                case ElementAccessExpressionSyntax element when element.Expression == use:
                    if (element.ArgumentList.Arguments.Count != 1 || element.ArgumentList.Arguments[0] is not { RefKindKeyword.RawKind: (int)SyntaxKind.None } index
                        || model.GetTypeInfo(index.Expression, cancellationToken).ConvertedType is not ({ SpecialType: SpecialType.System_Int32 } or { Name: "Index", ContainingNamespace.Name: "System" })
                        || element.Parent is RefExpressionSyntax || element.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None })
                        return null;
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length when length.Expression == use:
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsSpan", Parent: InvocationExpressionSyntax call } access when access.Expression == use:
                    // AsSpan() and AsSpan(start[, length]) give the Span<T> that the local itself, or its Slice, now is.
                    if (call.ArgumentList.Arguments.Count > 2
                        || call.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None) || a.NameColon is not null
                            || model.GetTypeInfo(a.Expression, cancellationToken).Type?.SpecialType != SpecialType.System_Int32)
                        || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { ContainingType.Name: "MemoryExtensions" }
                        || !StaysInCall(call, model, cancellationToken))
                        return null;
                    asSpanCalls.Add(call);
                    break;
                case ForEachStatementSyntax loop when loop.Expression == use:
                    break;
                case ArgumentSyntax argument when IsSpanArgument(argument, array, span, model, cancellationToken):
                    break;
                default:
                    return null;
            }
        }
        return asSpanCalls;
    }

    /// <summary>
    /// Passed to a <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c> parameter of a call that cannot keep it and
    /// that a span argument still binds to (an array could have picked <c>Use(T[])</c> over <c>Use(ReadOnlySpan&lt;T&gt;)</c>).
    /// </summary>
    private static bool IsSpanArgument(ArgumentSyntax argument, ArrayLocal array, INamedTypeSymbol span, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!StaysInCall(argument.Expression, model, cancellationToken)
            || argument.Parent?.Parent is not ExpressionSyntax call
            || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method
            || model.GetTypeInfo(argument.Expression, cancellationToken).ConvertedType is not INamedTypeSymbol target
            || target.Name is not ("Span" or "ReadOnlySpan") || target.ContainingNamespace?.Name != "System"
            || !SymbolEqualityComparer.Default.Equals(target.TypeArguments.FirstOrDefault(), array.ElementType))
            return false;
        var spanValue = SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(span.Construct(array.ElementType).ToDisplayString()));
        var rebound = model.GetSpeculativeSymbolInfo(call.SpanStart, call.ReplaceNode(argument.Expression, spanValue), SpeculativeBindingOption.BindAsExpression);
        return method.Equals(rebound.Symbol, SymbolEqualityComparer.Default);
    }

    /// <summary>
    /// The span is a by-value argument, or the receiver, of a call that cannot hand it back: the call returns no ref
    /// struct, takes no ref struct by reference and is not a method of a mutable ref struct (which could keep it in
    /// a field). Stack memory must not outlive the method, and the compiler rejects any path that could let it; this
    /// keeps the fix clear of those paths.
    /// </summary>
    private static bool StaysInCall(ExpressionSyntax span, SemanticModel model, CancellationToken cancellationToken)
    {
        var call = span.Parent switch
        {
            ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.None, Parent: ArgumentListSyntax { Parent: ExpressionSyntax invocation } } => invocation,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access when access.Expression == span => invocation,
            _ => null,
        };
        return call is not null
            && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ReturnsByRef: false, ReturnsByRefReadonly: false } method
            && model.GetTypeInfo(call, cancellationToken).Type is { IsRefLikeType: false }
            && !method.Parameters.Any(p => p.RefKind != RefKind.None && p.Type.IsRefLikeType)
            && (method.IsStatic || !method.ContainingType.IsRefLikeType || method.ContainingType.IsReadOnly || method.IsReadOnly);
    }

    private static async Task<Document> ToStackallocAsync(Document document, ArrayLocal array, INamedTypeSymbol span,
        List<InvocationExpressionSyntax> asSpanCalls, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var spanType = editor.Generator.TypeExpression(span.Construct(array.ElementType)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);
        editor.ReplaceNode(array.Declaration.Type, spanType.WithTriviaFrom(array.Declaration.Type));
        editor.ReplaceNode(array.Creation, array.Stackalloc().WithTriviaFrom(array.Creation));
        foreach (var call in asSpanCalls)
        {
            var target = ((MemberAccessExpressionSyntax)call.Expression).Expression;
            editor.ReplaceNode(call, call.ArgumentList.Arguments.Count == 0
                ? target.WithTriviaFrom(call)
                : call.WithExpression(((MemberAccessExpressionSyntax)call.Expression).WithName(SyntaxFactory.IdentifierName("Slice"))));
        }
        return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A one-dimensional array that is the whole initializer of a local declared alone:
    /// <c>T[] name = new T[n];</c>, <c>var name = new T[] { ... };</c>, <c>var name = new[] { ... };</c>, <c>T[] name = { ... };</c>.
    /// </summary>
    private sealed class ArrayLocal
    {
        private ArrayLocal(ExpressionSyntax creation, VariableDeclarationSyntax declaration, LocalDeclarationStatementSyntax statement,
            ILocalSymbol symbol, ITypeSymbol elementType)
        {
            Creation = creation;
            Declaration = declaration;
            Statement = statement;
            Symbol = symbol;
            ElementType = elementType;
        }

        public ExpressionSyntax Creation { get; }
        public VariableDeclarationSyntax Declaration { get; }
        public LocalDeclarationStatementSyntax Statement { get; }
        public ILocalSymbol Symbol { get; }
        public ITypeSymbol ElementType { get; }
        /// <summary>The <c>{ ... }</c> of the creation, if it has one.</summary>
        public InitializerExpressionSyntax? Initializer => Creation switch
        {
            InitializerExpressionSyntax list => list,
            ArrayCreationExpressionSyntax array => array.Initializer,
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer,
            _ => null,
        };
        /// <summary>The element count when the size or the initializer fixes it.</summary>
        public int? Count { get; private set; }

        public static ArrayLocal? At(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            if (node is not (ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression })
                || node.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
                || declaration.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } statement || statement.IsConst
                || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { RefKind: RefKind.None, Type: IArrayTypeSymbol { Rank: 1, ElementType: var element } } local
                || !element.IsUnmanagedType || element is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                return null;
            var array = new ArrayLocal((ExpressionSyntax)node, declaration, statement, local, element);
            array.Count = array.Initializer is { } initializer ? initializer.Expressions.Count
                : node is ArrayCreationExpressionSyntax { Type.RankSpecifiers: { Count: 1 } ranks } && ranks[0].Sizes.Count == 1
                  && model.GetConstantValue(ranks[0].Sizes[0], cancellationToken) is { HasValue: true, Value: int count } ? count
                : null;
            return array;
        }

        /// <summary>Stack bytes, by the element's real layout (8-byte pointers: never less than on 32-bit).</summary>
        public long? Bytes(SemanticModel model)
        {
            var layout = StorageModel.For(model.Compilation).Layout;
            return Count is { } count && layout.IsKnown(ElementType) ? count * layout.SizeOf(ElementType).Size : null;
        }

        /// <summary>The same array on the stack: <c>stackalloc T[n]</c>, <c>stackalloc T[] { ... }</c> or <c>stackalloc[] { ... }</c>.</summary>
        public ExpressionSyntax Stackalloc()
        {
            var keyword = SyntaxFactory.Token(SyntaxKind.StackAllocKeyword);
            return Creation switch
            {
                ArrayCreationExpressionSyntax array => SyntaxFactory.StackAllocArrayCreationExpression(keyword.WithTriviaFrom(array.NewKeyword), array.Type, array.Initializer),
                ImplicitArrayCreationExpressionSyntax implicitArray => SyntaxFactory.ImplicitStackAllocArrayCreationExpression(
                    keyword.WithTriviaFrom(implicitArray.NewKeyword), implicitArray.OpenBracketToken, implicitArray.CloseBracketToken, implicitArray.Initializer),
                // T[] name = { ... }: the declared type names the element
                _ => SyntaxFactory.StackAllocArrayCreationExpression(keyword.WithTrailingTrivia(SyntaxFactory.Space),
                    ((ArrayTypeSyntax)Declaration.Type).WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space), (InitializerExpressionSyntax)Creation),
            };
        }
    }
}
