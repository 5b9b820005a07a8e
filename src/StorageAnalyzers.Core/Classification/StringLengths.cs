using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StorageAnalyzers.Core.Classification;

/// <summary>
/// The fewest characters a string built at run time can have: its literal parts, constant holes as the runtime
/// formats them, and for every other hole the narrowest text its type and format allow (an integer at least one digit,
/// or the width of an <c>x16</c>/<c>D8</c> format; <c>True</c> four letters; a string or object none) or its alignment.
/// A lower bound, so the simulator can count a run-time string at least at that size instead of nothing.
/// </summary>
internal static class StringLengths
{
    /// <summary>The shortest result of a concatenation, given its operands (constants already folded).</summary>
    public static int MinimumOfConcat(IEnumerable<IOperation> operands)
    {
        int length = 0;
        foreach (var operand in operands) length += Minimum(operand, format: null, alignment: 0);
        return length;
    }

    /// <summary>The shortest result of an interpolated string, whether the compiler lowers it to
    /// <c>string.Format</c>, <c>string.Concat</c> or an interpolated string handler.</summary>
    public static int MinimumOfInterpolation(IInterpolatedStringOperation interpolation)
    {
        int length = 0;
        foreach (var part in interpolation.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation text:
                    length += text.Text.ConstantValue.Value is string literal ? literal.Length : 0;
                    break;
                case IInterpolationOperation hole:
                    length += Minimum(hole.Expression, hole.FormatString?.ConstantValue.Value as string,
                        hole.Alignment?.ConstantValue.Value is int alignment ? alignment : 0);
                    break;
                case IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation append }:
                    length += MinimumOfAppend(append);
                    break;
            }
        }
        return length;
    }

    private static int MinimumOfAppend(IInvocationOperation append)
    {
        IOperation? value = null;
        string? format = null;
        int alignment = 0;
        foreach (var argument in append.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "alignment":
                    alignment = argument.Value.ConstantValue.Value is int a ? a : 0;
                    break;
                case "format":
                    format = argument.Value.ConstantValue.Value as string;
                    break;
                default:
                    value ??= argument.Value;
                    break;
            }
        }
        return value is null ? 0 : Minimum(value, format, alignment);
    }

    private static int Minimum(IOperation value, string? format, int alignment)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        int width = value.ConstantValue.HasValue ? ConstantLength(value.ConstantValue.Value, format) : Narrowest(value.Type, format);
        return Math.Max(width, Math.Abs(alignment));
    }

    private static int ConstantLength(object? constant, string? format) => constant switch
    {
        null => 0,
        string text => text.Length,
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture).Length,
        _ => constant.ToString()?.Length ?? 0,
    };

    private static int Narrowest(ITypeSymbol? type, string? format)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Char:
                return 1;
            case SpecialType.System_Boolean:
                return 4; // True
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                return Math.Max(1, IntegerFormatWidth(format));
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return 1;
            default:
                return type?.TypeKind == TypeKind.Enum ? 1 : 0; // strings, objects, nullables: possibly empty
        }
    }

    /// <summary>The digits an <c>x</c>, <c>X</c>, <c>d</c> or <c>D</c> format with a precision pads an integer to.</summary>
    private static int IntegerFormatWidth(string? format) =>
        format is { Length: > 1 } && format[0] is 'x' or 'X' or 'd' or 'D'
        && int.TryParse(format.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out int digits)
            ? digits
            : 0;
}
