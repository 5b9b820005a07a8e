using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.CodeFixes.Fixers;

/// <summary>
/// SD3001 on an argument boxed by a composite-format call with a constant format: write an interpolated string,
/// whose handler formats value types in place (C# 10+, .NET 6+).
/// <c>string.Format("{0}: {1,8:N2}", id, total)</c> becomes <c>$"{id}: {total,8:N2}"</c>;
/// <c>Console.WriteLine(format, ...)</c> and <c>Console.Write(format, ...)</c> get the interpolated string as their
/// one argument; <c>builder.AppendFormat(format, ...)</c> becomes <c>builder.Append($"...")</c>, which appends
/// through <c>AppendInterpolatedStringHandler</c> without building a string. All of them format with the current
/// culture, as the originals do (Console through its writer, whose culture is the current one unless
/// <c>Console.SetOut</c> installed a writer with its own).
/// <para>
/// Offered when every placeholder is <c>{index[,alignment][:format]}</c> with an index in range, and the arguments
/// either have no side effects (constants, locals, parameters, fields) or are each used once, in order; not for an
/// explicit <c>object[]</c>, named arguments, an <c>IFormatProvider</c> overload, or arguments spanning lines.
/// </para>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SD3001InterpolatedStringFixer)), Shared]
public sealed class SD3001InterpolatedStringFixer : StorageCodeFixProvider
{
    public const string EquivalenceKey = "StorageAnalyzers.InterpolatedString";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.Boxing);

    protected override Func<Diagnostic, CodeAction?>? FixesIn(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        if (((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp10
            || model.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler") is null)
            return null;
        return diagnostic =>
        {
            if (AllocationDiagnostic.BoxingCall(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } call
                || Rewrite(call, model, cancellationToken) is not { } replacement)
                return null;
            return CodeAction.Create("Use an interpolated string (no boxing)",
                _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(call, replacement.WithTriviaFrom(call)))), EquivalenceKey);
        };
    }

    /// <summary>The call rewritten around an interpolated string, or null when it is not one of the calls above or not safe.</summary>
    private static ExpressionSyntax? Rewrite(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
            || invocation.TargetMethod is not { Parameters.Length: >= 2 } method
            || method.Parameters[0] is not { Name: "format", Type.SpecialType: SpecialType.System_String }
            || !method.Parameters.Skip(1).All(p => p.Type.SpecialType == SpecialType.System_Object
                || p.IsParams && p.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object })
            || call.ArgumentList.Arguments.Any(a => a.NameColon is not null)
            || model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, cancellationToken) is not { HasValue: true, Value: string format }
            || Values(invocation) is not { } values
            || Placeholders.Parse(format, values.Count) is not { } parts
            || !IsEvaluatedAlike(parts, values, model, cancellationToken))
            return null;
        var interpolated = Interpolate(parts, values);
        if (interpolated is null) return null;

        var type = method.ContainingType;
        var name = $"{type.ContainingNamespace}.{type.Name}";
        ExpressionSyntax? replacement = (name, method.Name) switch
        {
            ("System.String", "Format") when call.Parent is not ExpressionStatementSyntax => interpolated, // `$"...";` is no statement
            ("System.Console", "Write" or "WriteLine") => call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(interpolated)))),
            ("System.Text.StringBuilder", "AppendFormat") when call.Expression is MemberAccessExpressionSyntax access =>
                call.WithExpression(access.WithName(SyntaxFactory.IdentifierName("Append")))
                    .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(interpolated)))),
            _ => null,
        };
        if (replacement is null || replacement == interpolated) return replacement;
        // Console.WriteLine(string) and StringBuilder.Append(ref AppendInterpolatedStringHandler) must be what binds.
        var rebound = model.GetSpeculativeSymbolInfo(call.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        return rebound is { Parameters.Length: 1 } && (rebound.Parameters[0].Type.SpecialType == SpecialType.System_String
            || rebound.Parameters[0].Type.Name == "AppendInterpolatedStringHandler")
            ? replacement
            : null;
    }

    /// <summary>The expressions formatted, in parameter order: the separate arguments, or the elements of an implicit params array.</summary>
    private static List<ExpressionSyntax>? Values(IInvocationOperation invocation)
    {
        var values = new List<ExpressionSyntax>();
        foreach (var argument in invocation.Arguments.Skip(1))
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray)
            {
                if (argument.Value is not IArrayCreationOperation { IsImplicit: true, Initializer: { } elements }) return null;
                values.AddRange(elements.ElementValues.Select(e => e.Syntax).OfType<ExpressionSyntax>());
            }
            else if (argument is { ArgumentKind: ArgumentKind.Explicit, Parameter.IsParams: false, Value.Syntax: ExpressionSyntax value })
                values.Add(value);
            else
                return null;
        }
        return values.Any(v => v.ToString().IndexOf('\n') >= 0) ? null : values;
    }

    /// <summary>
    /// The original evaluates every argument once, in order, before formatting; an interpolated string evaluates each
    /// hole where it stands. The same when the arguments have no side effects, or when each is used once, in order.
    /// </summary>
    private static bool IsEvaluatedAlike(List<Placeholders.Part> parts, List<ExpressionSyntax> values, SemanticModel model, CancellationToken cancellationToken)
    {
        var order = parts.Where(p => p.Index >= 0).Select(p => p.Index);
        return order.SequenceEqual(Enumerable.Range(0, values.Count)) || values.All(v => IsWithoutEffects(v, model, cancellationToken));
    }

    /// <summary>A constant, or a local, parameter or field read by its name.</summary>
    private static bool IsWithoutEffects(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetConstantValue(value, cancellationToken).HasValue
        || value is IdentifierNameSyntax && model.GetSymbolInfo(value, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol;

    /// <summary>Builds <c>$"..."</c> as text and parses it; null if the result does not parse cleanly.</summary>
    private static InterpolatedStringExpressionSyntax? Interpolate(List<Placeholders.Part> parts, List<ExpressionSyntax> values)
    {
        var text = new StringBuilder("$\"");
        foreach (var part in parts)
        {
            if (part.Index < 0)
            {
                text.Append(Escape(part.Text));
                continue;
            }
            var value = values[part.Index].WithoutTrivia();
            // A top-level ?: would read as the start of a format clause.
            text.Append('{').Append(value is ConditionalExpressionSyntax ? $"({value})" : value.ToString());
            if (part.Alignment is { } alignment) text.Append(',').Append(alignment.ToString(CultureInfo.InvariantCulture));
            if (part.Format is { } spec) text.Append(':').Append(spec);
            text.Append('}');
        }
        text.Append('"');
        return SyntaxFactory.ParseExpression(text.ToString()) is InterpolatedStringExpressionSyntax parsed && !parsed.ContainsDiagnostics ? parsed : null;
    }

    private static string Escape(string literal)
    {
        var escaped = new StringBuilder();
        foreach (char c in literal)
        {
            escaped.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '{' => "{{",
                '}' => "}}",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when char.IsControl(c) => $@"\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>The composite format grammar of <c>string.Format</c>, restricted to what an interpolation hole can say.</summary>
    private static class Placeholders
    {
        /// <summary>Literal text (<see cref="Index"/> -1), or a placeholder.</summary>
        public sealed class Part
        {
            public Part(int index, string text, int? alignment, string? format)
            {
                Index = index;
                Text = text;
                Alignment = alignment;
                Format = format;
            }

            public int Index { get; }
            public string Text { get; }
            public int? Alignment { get; }
            public string? Format { get; }
        }

        /// <summary>The parts of <paramref name="format"/>, or null when it would throw or holds what a hole cannot.</summary>
        public static List<Part>? Parse(string format, int argumentCount)
        {
            var parts = new List<Part>();
            var literal = new StringBuilder();
            int i = 0;
            while (i < format.Length)
            {
                char c = format[i];
                if (c == '}')
                {
                    if (i + 1 >= format.Length || format[i + 1] != '}') return null;
                    literal.Append('}');
                    i += 2;
                    continue;
                }
                if (c != '{')
                {
                    literal.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 < format.Length && format[i + 1] == '{')
                {
                    literal.Append('{');
                    i += 2;
                    continue;
                }
                int close = format.IndexOf('}', i);
                if (close < 0 || Placeholder(format.Substring(i + 1, close - i - 1), argumentCount) is not { } placeholder) return null;
                if (literal.Length > 0) parts.Add(new Part(-1, literal.ToString(), null, null));
                literal.Clear();
                parts.Add(placeholder);
                i = close + 1;
            }
            if (literal.Length > 0) parts.Add(new Part(-1, literal.ToString(), null, null));
            return parts;
        }

        /// <summary><c>index[,alignment][:format]</c> with nothing a regular interpolated string would read differently.</summary>
        private static Part? Placeholder(string body, int argumentCount)
        {
            int colon = body.IndexOf(':');
            string? spec = colon < 0 ? null : body.Substring(colon + 1);
            var head = colon < 0 ? body : body.Substring(0, colon);
            int comma = head.IndexOf(',');
            var indexText = comma < 0 ? head : head.Substring(0, comma);
            if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= argumentCount) return null;
            int? alignment = null;
            if (comma >= 0)
            {
                if (!int.TryParse(head.Substring(comma + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return null;
                alignment = value;
            }
            if (spec is not null && (spec.Length == 0 || spec.Any(ch => ch is '{' or '"' or '\\' || char.IsControl(ch)))) return null;
            return new Part(index, "", alignment, spec);
        }
    }
}
