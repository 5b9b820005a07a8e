using System.Globalization;

namespace ExpressionParser;

/// <summary>
/// expression := term (('+' | '-') term)*
/// term       := factor (('*' | '/') factor)*
/// factor     := number | name '(' expression ')' | '(' expression ')' | '-' factor
/// Every nested parenthesis goes once more round ParseExpression -> ParseTerm -> ParseFactor, so the nesting depth
/// of the input decides how deep the stack goes. A ref struct over a span: parsing allocates nothing on the heap.
/// </summary>
public ref struct Parser
{
    private const int MaxNameLength = 32;
    private const int MaxDigits = 64;

    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public Parser(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    public double Parse()
    {
        double value = ParseExpression();
        SkipSpaces();
        if (_position != _text.Length) throw new FormatException($"Unexpected '{_text[_position]}' at {_position}.");
        return value;
    }

    private double ParseExpression()
    {
        double value = ParseTerm();
        while (true)
        {
            SkipSpaces();
            if (Accept('+')) value += ParseTerm();
            else if (Accept('-')) value -= ParseTerm();
            else return value;
        }
    }

    private double ParseTerm()
    {
        double value = ParseFactor();
        while (true)
        {
            SkipSpaces();
            if (Accept('*')) value *= ParseFactor();
            else if (Accept('/')) value /= ParseFactor();
            else return value;
        }
    }

    private double ParseFactor()
    {
        SkipSpaces();
        if (Accept('-')) return -ParseFactor();
        if (Accept('('))
        {
            double inner = ParseExpression();
            Expect(')');
            return inner;
        }
        if (_position < _text.Length && char.IsLetter(_text[_position]))
        {
            // The function name is copied into a stack buffer, lower-cased, and looked up without allocating.
            Span<char> name = stackalloc char[MaxNameLength];
            int length = 0;
            while (_position < _text.Length && char.IsLetter(_text[_position]) && length < MaxNameLength)
                name[length++] = char.ToLowerInvariant(_text[_position++]);
            Expect('(');
            double argument = ParseExpression();
            Expect(')');
            return Functions.Apply(name[..length], argument);
        }
        return ParseNumber();
    }

    private double ParseNumber()
    {
        Span<char> digits = stackalloc char[MaxDigits];
        int length = 0;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] == '.') && length < MaxDigits)
            digits[length++] = _text[_position++];
        if (length == 0) throw new FormatException($"Expected a number at {_position}.");
        return double.Parse(digits[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ') _position++;
    }

    private bool Accept(char expected)
    {
        if (_position >= _text.Length || _text[_position] != expected) return false;
        _position++;
        return true;
    }

    private void Expect(char expected)
    {
        SkipSpaces();
        if (!Accept(expected)) throw new FormatException($"Expected '{expected}' at {_position}.");
    }
}
