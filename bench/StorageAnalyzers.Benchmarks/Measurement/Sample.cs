namespace StorageAnalyzers.Benchmarks.Measurement;

/// <summary>One measurement: wall time, bytes allocated, what was found and what went wrong, and the time the garbage
/// collector paused the process (part of the wall time: retained and allocated memory cost time here).</summary>
internal sealed record Sample(double Milliseconds, long AllocatedBytes, int Diagnostics, int Exceptions,
    IReadOnlyDictionary<string, double> AnalyzerMilliseconds, double GcPauseMilliseconds = 0,
    IReadOnlyDictionary<string, int>? DiagnosticsByRule = null);

/// <summary>All samples of one configuration on one corpus, and their summaries.</summary>
internal sealed class Series(string configuration)
{
    public string Configuration { get; } = configuration;
    public List<Sample> Samples { get; } = [];

    public double MedianMs => Median(Samples.Select(s => s.Milliseconds));
    public double MinMs => Samples.Count == 0 ? double.NaN : Samples.Min(s => s.Milliseconds);
    public double MedianGcPauseMs => Median(Samples.Select(s => s.GcPauseMilliseconds));
    public double MedianAllocatedMB => Median(Samples.Select(s => s.AllocatedBytes / 1048576.0));
    public int Diagnostics => Samples.Count == 0 ? 0 : Samples[^1].Diagnostics;
    public IReadOnlyDictionary<string, int> DiagnosticsByRule =>
        Samples.Count == 0 ? new Dictionary<string, int>() : Samples[^1].DiagnosticsByRule ?? new Dictionary<string, int>();
    public int Exceptions => Samples.Sum(s => s.Exceptions);

    /// <summary>Median execution time per analyzer name over the samples, as the driver logged it.</summary>
    public IEnumerable<(string Analyzer, double Milliseconds)> AnalyzerTimes() =>
        Samples.SelectMany(s => s.AnalyzerMilliseconds.Keys).Distinct()
            .Select(name => (name, Median(Samples.Select(s => s.AnalyzerMilliseconds.GetValueOrDefault(name)))))
            .OrderByDescending(t => t.Item2);

    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank percentile with linear interpolation between ranks.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        double rank = p * (sorted.Length - 1);
        int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
