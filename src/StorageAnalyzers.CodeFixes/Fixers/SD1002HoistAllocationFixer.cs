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
using Microsoft.CodeAnalysis.Operations;
using StorageAnalyzers.Core;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD1002 (an object or array, per loop iteration) and SD3004 (a params array, per loop iteration): make the
/// allocation once, just before the innermost loop, when every iteration would build the same thing and no iteration
/// can tell one shared instance from a fresh one.
/// <list type="bullet">
/// <item><c>var name = new T[] { ... };</c> (or <c>new T[K]</c>, <c>new[] { ... }</c>) declared in the loop body moves
/// before the loop when its elements are constants or loop-invariant locals and the array is only read: elements read,
/// <c>Length</c>, <c>foreach</c>, viewed as a <c>ReadOnlySpan&lt;T&gt;</c>, or passed to a library method known to
/// only read it (<c>string.Split</c>, <c>Trim</c>, <c>string.Join</c>, ...).</item>
/// <item><c>var name = new Regex(...)</c> (also <c>Uri</c>, <c>Version</c>: immutable types) moves the same way when
/// its arguments are invariant and it is only used through its members.</item>
/// <item><c>text.Trim(' ', '\t')</c> on a method known to only read its params array gets
/// <c>var trimChars = new char[] { ' ', '\t' };</c> before the loop and <c>text.Trim(trimChars)</c> in it.</item>
/// </list>
/// Invariant means a constant, or a by-value local or parameter declared outside the loop that the loop never writes
/// and no lambda captures. Other objects are left alone: their constructors may have effects and their methods may
/// change them, so a fresh one per iteration can matter. An array of constant size cannot throw, so building it
/// once before the loop changes nothing but the count. The listed constructors have no effect but their value, with
/// one difference left: one that rejects its arguments (an invalid pattern) now throws before the loop, even when
/// the loop would have run no iteration.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD1002HoistAllocationFixer)), Shared]
public sealed class SD1002HoistAllocationFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.HoistAllocation";

    private const string Title = "Hoist the allocation out of the loop";

    /// <summary>Types whose instances never change after construction, and whose constructors only compute that state.</summary>
    private static readonly ImmutableHashSet<string> ImmutableTypes =
        ImmutableHashSet.Create("System.Text.RegularExpressions.Regex", "System.Uri", "System.Version");

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AllocationSite, RuleIds.ParamsArray);

    protected override Func<Diagnostic, CodeAction?> FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken) => diagnostic =>
    {
        if (!AllocationDiagnostic.IsInLoop(diagnostic)) return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return diagnostic.Id == RuleIds.ParamsArray
            ? HoistParamsArray(document, node, model, cancellationToken)
            : AllocationDiagnostic.IsKind(diagnostic, AllocationKind.Array) || AllocationDiagnostic.IsKind(diagnostic, AllocationKind.Object)
                ? HoistLocal(document, node, model, cancellationToken)
                : null;
    };

    private static CodeAction? HoistLocal(Document document, SyntaxNode creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement }
            || statement.IsConst || !statement.UsingKeyword.IsKind(SyntaxKind.None)
            || statement.Parent is not BlockSyntax { Parent: StatementSyntax loop } || !Loops.IsLoop(loop) || loop.Parent is not BlockSyntax
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { RefKind: RefKind.None } local
            || !HasInvariantInputs(creation, loop, model, cancellationToken)
            || !IsOnlyRead(local, statement, model, cancellationToken)
            || !Loops.IsNameFreeBefore(local, declarator, model, cancellationToken))
            return null;
        return CodeAction.Create(Title, c => HoistAsync(document, statement, loop, c), EquivalenceKey);
    }

    private static bool HasInvariantInputs(SyntaxNode creation, StatementSyntax loop, SemanticModel model, CancellationToken cancellationToken)
    {
        bool Invariant(ExpressionSyntax e) => Loops.IsInvariant(e, loop, model, cancellationToken);
        return creation switch
        {
            // Constant sizes only: a run-time size could be negative and throw before a loop that would not have run.
            ArrayCreationExpressionSyntax array => array.Type.RankSpecifiers.SelectMany(r => r.Sizes)
                    .All(size => size is OmittedArraySizeExpressionSyntax || model.GetConstantValue(size, cancellationToken).HasValue && Invariant(size))
                && (array.Initializer?.Expressions.All(Invariant) ?? true),
            ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.All(Invariant),
            InitializerExpressionSyntax list when list.IsKind(SyntaxKind.ArrayInitializerExpression) => list.Expressions.All(Invariant),
            BaseObjectCreationExpressionSyntax { Initializer: null } created =>
                model.GetTypeInfo(created, cancellationToken).Type is { } type && ImmutableTypes.Contains($"{type.ContainingNamespace}.{type.MetadataName}")
                && (created.ArgumentList?.Arguments.All(a => a.RefKindKeyword.IsKind(SyntaxKind.None) && Invariant(a.Expression)) ?? true),
            _ => false,
        };
    }

    /// <summary>
    /// Every use of the local is a read that cannot keep or change what it refers to, in the loop's own code (a lambda
    /// could keep it past the iteration).
    /// </summary>
    private static bool IsOnlyRead(ILocalSymbol local, StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        var function = References.FunctionOf(statement);
        bool isArray = local.Type is IArrayTypeSymbol;
        return References.Of(local, statement.Parent!, model, cancellationToken).All(use =>
            References.FunctionOf(use) == function
            && (isArray ? IsArrayRead(use, local, model, cancellationToken) : IsMemberRead(use)));
    }

    /// <summary><c>name.Member</c>, not assigned: on an immutable object, the only way to use it that needs no identity.</summary>
    private static bool IsMemberRead(IdentifierNameSyntax use) =>
        use.Parent is MemberAccessExpressionSyntax access && access.Expression == use
        && !(access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access);

    private static bool IsArrayRead(IdentifierNameSyntax use, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) => use.Parent switch
    {
        ElementAccessExpressionSyntax element => element.Expression == use && References.IsElementRead(element),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "LongLength" } length => length.Expression == use,
        ForEachStatementSyntax loop => loop.Expression == use,
        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.None } argument =>
            model.GetTypeInfo(use, cancellationToken).ConvertedType is INamedTypeSymbol { Name: "ReadOnlySpan", ContainingNamespace.Name: "System" }
            || argument.Parent?.Parent is ExpressionSyntax call && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
               && ReadOnlyArrayMethods.Contains(method)
               && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(use, cancellationToken).ConvertedType, local.Type),
        _ => model.GetTypeInfo(use, cancellationToken).ConvertedType is INamedTypeSymbol { Name: "ReadOnlySpan", ContainingNamespace.Name: "System" },
    };

    private static async Task<Document> HoistAsync(Document document, StatementSyntax statement, StatementSyntax loop, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.InsertBefore(loop, statement.WithAdditionalAnnotations(Formatter.Annotation));
        editor.RemoveNode(statement);
        return editor.GetChangedDocument();
    }

    /// <summary><c>Call(a, b)</c> whose params array only gets read: <c>var name = new T[] { a, b };</c> before the loop, <c>Call(name)</c> in it.</summary>
    private static CodeAction? HoistParamsArray(Document document, SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not InvocationExpressionSyntax call
            || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
            || !ReadOnlyArrayMethods.Contains(invocation.TargetMethod)
            || invocation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.ParamArray) is not
                { Value: IArrayCreationOperation { Initializer.ElementValues.Length: > 0 and var count }, Parameter.Type: IArrayTypeSymbol arrayType } paramArray
            || Loops.Enclosing(call) is not { Parent: BlockSyntax } loop)
            return null;
        var arguments = call.ArgumentList.Arguments;
        var elements = arguments.Skip(arguments.Count - count).ToList();
        if (elements.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None) || !Loops.IsInvariant(a.Expression, loop, model, cancellationToken)))
            return null;

        // The call must still pick the same method when handed an array (the normal form of the same params method).
        var withArray = call.WithArgumentList(call.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(arguments.Take(arguments.Count - count)
            .Append(SyntaxFactory.Argument(SyntaxFactory.DefaultExpression(SyntaxFactory.ParseTypeName(arrayType.ToDisplayString())))))));
        if (!invocation.TargetMethod.Equals(model.GetSpeculativeSymbolInfo(call.SpanStart, withArray, SpeculativeBindingOption.BindAsExpression).Symbol,
                SymbolEqualityComparer.Default))
            return null;
        var name = FreshNames.Pick(paramArray.Parameter!.Name, FreshNames.Used(FreshNames.Scope(call)));
        return CodeAction.Create(Title, c => HoistParamsArrayAsync(document, call, elements, arrayType, name, loop, c), EquivalenceKey);
    }

    private static async Task<Document> HoistParamsArrayAsync(Document document, InvocationExpressionSyntax call, List<ArgumentSyntax> elements,
        IArrayTypeSymbol arrayType, string name, StatementSyntax loop, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var array = generator.ArrayCreationExpression(generator.TypeExpression(arrayType.ElementType), elements.Select(e => e.Expression.WithoutTrivia()));
        editor.InsertBefore(loop, generator.LocalDeclarationStatement(name, array).WithAdditionalAnnotations(Formatter.Annotation));
        var arguments = call.ArgumentList.Arguments;
        int first = arguments.IndexOf(elements[0]);
        arguments = arguments.Replace(elements[0], SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name)).WithTriviaFrom(elements[0]));
        while (arguments.Count > first + 1) arguments = arguments.RemoveAt(first + 1);
        editor.ReplaceNode(call.ArgumentList, call.ArgumentList.WithArguments(arguments));
        return editor.GetChangedDocument();
    }
}
