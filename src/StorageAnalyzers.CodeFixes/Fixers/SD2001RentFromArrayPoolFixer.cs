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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD2001 and SD2002: rent the buffer from <c>ArrayPool&lt;T&gt;.Shared</c> and return it in a <c>finally</c> around
/// the rest of the block. <c>Span&lt;T&gt; name = stackalloc T[count];</c> becomes
/// <c>T[] nameArray = ArrayPool&lt;T&gt;.Shared.Rent(count); try { Span&lt;T&gt; name = nameArray.AsSpan(0, count); ... }
/// finally { ArrayPool&lt;T&gt;.Shared.Return(nameArray); }</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD2001RentFromArrayPoolFixer)), Shared]
public sealed class SD2001RentFromArrayPoolFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.RentFromArrayPool";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIds.StackallocTooLarge, RuleIds.UnboundedStackalloc);

    protected override Func<Diagnostic, CodeAction?>? FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        // Both come with Span<T> (System.Memory on .NET Standard); checked so that an odd target simply gets no fix.
        if (model.Compilation.GetTypeByMetadataName("System.Buffers.ArrayPool`1") is not { } arrayPool
            || model.Compilation.GetTypeByMetadataName("System.MemoryExtensions") is null)
            return null;
        return diagnostic =>
        {
            if (StackallocSite.At(root, model, diagnostic.Location.SourceSpan, cancellationToken) is not { } site
                || SpanLocal.Of(site, model, cancellationToken) is not { Block: not null } local
                || !CanWrapRest(local, model, cancellationToken))
                return null;
            var pool = arrayPool.Construct(site.ElementType);
            return CodeAction.Create($"Rent the buffer from {pool.ToMinimalDisplayString(model, site.Expression.SpanStart)}.Shared",
                c => RentAsync(document, local, pool, c), EquivalenceKey);
        };
    }

    /// <summary>
    /// The rest of the block moves into a try whose finally returns the array. Not offered where that changes what
    /// compiles or what runs: the local is reassigned, a label or local function in the rest is reached from before
    /// it, or a span, ref or pointer from outside the rest may still point into the array once it is returned.
    /// </summary>
    private static bool CanWrapRest(SpanLocal local, SemanticModel model, CancellationToken cancellationToken)
    {
        var statements = local.Block!.Statements;
        int index = statements.IndexOf(local.Statement!);
        var rest = statements.Skip(index + 1).ToList();
        if (local.IsReassigned(model, cancellationToken) || rest.Any(s => s is LabeledStatementSyntax)) return false;

        var movedFunctions = new HashSet<string>(rest.OfType<LocalFunctionStatementSyntax>().Select(f => f.Identifier.ValueText));
        if (statements.Take(index).SelectMany(s => s.DescendantTokens()).Any(t => movedFunctions.Contains(t.ValueText))) return false;

        var flow = model.AnalyzeDataFlow(local.Statement!, statements.Last());
        if (flow is not { Succeeded: true }) return false;
        return !flow.WrittenInside.Except(flow.VariablesDeclared, SymbolEqualityComparer.Default)
            .Concat(flow.CapturedInside)
            .Any(CanPointIntoBuffer);
    }

    private static bool CanPointIntoBuffer(ISymbol variable) => variable switch
    {
        ILocalSymbol local => local.RefKind != RefKind.None || IsSpanOrPointer(local.Type),
        IParameterSymbol parameter => IsSpanOrPointer(parameter.Type),
        _ => false,
    };

    private static bool IsSpanOrPointer(ITypeSymbol type) => type.IsRefLikeType || type is IPointerTypeSymbol;

    private static async Task<Document> RentAsync(Document document, SpanLocal local, INamedTypeSymbol pool, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var model = editor.SemanticModel;
        var site = local.Stackalloc;
        var statement = local.Statement!;
        var block = local.Block!;
        int index = block.Statements.IndexOf(statement);
        var used = FreshNames.Used(FreshNames.Scope(statement));

        var before = new List<SyntaxNode>();
        var count = site.Count.WithoutTrivia();
        if (!site.HasStableCount(model, cancellationToken))
        {
            // Rent and AsSpan both need the count: evaluate it once, as the stackalloc did.
            var length = FreshNames.Pick(local.Name + "Length", used);
            before.Add(generator.LocalDeclarationStatement(generator.TypeExpression(SpecialType.System_Int32), length, count));
            count = SyntaxFactory.IdentifierName(length);
        }
        var arrayName = FreshNames.Pick(local.Name + "Array", used);
        var array = SyntaxFactory.IdentifierName(arrayName);
        var shared = generator.MemberAccessExpression(generator.TypeExpression(pool).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation), "Shared");
        before.Add(generator.LocalDeclarationStatement(
            site.ArrayType.ReplaceNode(site.Count, SyntaxFactory.OmittedArraySizeExpression()).WithoutTrivia(), arrayName,
            generator.InvocationExpression(generator.MemberAccessExpression(shared, "Rent"), count)));
        before[0] = before[0].WithLeadingTrivia(statement.GetLeadingTrivia());

        // Written as MemoryExtensions.AsSpan(nameArray, 0, count) so that `using System;` is added where missing;
        // the simplifier then turns it into nameArray.AsSpan(0, count).
        var memoryExtensions = generator.TypeExpression(model.Compilation.GetTypeByMetadataName("System.MemoryExtensions")!)
            .WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);
        var span = (ExpressionSyntax)generator.InvocationExpression(generator.MemberAccessExpression(memoryExtensions, "AsSpan"),
            array, generator.LiteralExpression(0), count).WithAdditionalAnnotations(Simplifier.Annotation);
        var body = new List<SyntaxNode> { statement.ReplaceNode(site.Expression, span.WithTriviaFrom(site.Expression)).WithoutLeadingTrivia() };
        if (site.IsZeroed(model, cancellationToken))
        {
            // The pool hands out arrays that held earlier data, where the stackalloc gave zeros.
            var clear = generator.ExpressionStatement(generator.InvocationExpression(
                generator.MemberAccessExpression(local.IsReadOnly ? span : SyntaxFactory.IdentifierName(local.Name), "Clear")));
            body.Insert(local.IsReadOnly ? 0 : 1, clear);
        }
        body.AddRange(block.Statements.Skip(index + 1));
        before.Add(generator.TryFinallyStatement(body,
            new[] { generator.ExpressionStatement(generator.InvocationExpression(generator.MemberAccessExpression(shared, "Return"), array)) }));

        var statements = block.Statements.Take(index)
            .Concat(before.Cast<StatementSyntax>().Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)));
        editor.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(statements)));
        // Adds `using System.Buffers;` (and `using System;`) where missing; the cleanup then shortens the names.
        return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
