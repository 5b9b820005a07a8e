namespace TextPipeline;

/// <summary>Word frequencies in a fixed-size open-addressing table: two arrays, no resizing.</summary>
public sealed class WordCounts
{
    private const int Capacity = 512;

    private readonly string?[] _words = new string?[Capacity];
    private readonly int[] _counts = new int[Capacity];

    public int Distinct { get; private set; }

    public void Add(Token token)
    {
        int slot = (int)((uint)string.GetHashCode(token.Text, StringComparison.Ordinal) % Capacity);
        while (_words[slot] is { } word && word != token.Text) slot = (slot + 1) % Capacity;
        if (_words[slot] is null)
        {
            _words[slot] = token.Text;
            Distinct++;
        }
        _counts[slot]++;
    }

    public (string Word, int Count) MostFrequent()
    {
        int best = 0;
        for (int slot = 1; slot < Capacity; slot++)
            if (_counts[slot] > _counts[best]) best = slot;
        return (_words[best] ?? "", _counts[best]);
    }
}
