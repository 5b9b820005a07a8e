namespace PackageConsumer;

/// <summary>Bytes as lowercase hex digits.</summary>
internal static class HexPreview
{
    private const string Digits = "0123456789abcdef";

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        // Two characters per byte, as many as the caller passes: nothing here bounds the size of the stack buffer.
        Span<char> text = stackalloc char[bytes.Length * 2]; // expect SD2002 (unbounded)
        for (int i = 0; i < bytes.Length; i++)
        {
            text[2 * i] = Digits[bytes[i] >> 4];
            text[2 * i + 1] = Digits[bytes[i] & 0xF];
        }
        return new string(text);
    }
}
