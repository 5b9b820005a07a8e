// MemoryTour: four sensors take readings, and a report is printed. Each declaration below lands in a different
// part of the process: the comments say where, and `storage-analyzers classify samples/MemoryTour` says why.
using System.Text;

namespace MemoryTour;

/// <summary>A value type: its fields live inline, inside whatever holds a Reading.</summary>
internal readonly struct Reading(double x, double y)
{
    public readonly double X = x;
    public readonly double Y = y;

    public double Length => Math.Sqrt(X * X + Y * Y);
}

/// <summary>A class: each Sensor is an object on the heap, its fields inside it.</summary>
internal sealed class Sensor(string name)
{
    public string Name { get; } = name;
    public List<Reading> Readings { get; } = [];
}

internal static class Program
{
    private const int SensorCount = 4;                                            // constant: no storage at all
    private static readonly string[] Names = ["north", "east", "south", "west"];  // static data (set by the .cctor)
    private static int s_reportsWritten;                                          // static BSS (zero at start)
    [ThreadStatic] private static StringBuilder? t_scratch;                       // one per thread

    private static async Task<int> Main(string[] args)
    {
        var sensors = new Sensor[SensorCount];               // array on the heap, reference on the stack
        for (var i = 0; i < sensors.Length; i++)
            sensors[i] = new Sensor(Names[i]);               // one object per iteration

        var random = new Random(args.Length);                // captured by the lambda below: moves to the heap
        foreach (var sensor in sensors)
            Record(sensor, count: 3, () => random.NextDouble());

        Console.WriteLine(Describe(sensors));
        var total = await SumLengthsAsync(sensors);
        Console.WriteLine($"total length {total:F2}");
        foreach (var line in Histogram(sensors))
            Console.WriteLine(line);
        Console.WriteLine($"checksum of {Names[0]}: {Checksum(Names[0])}, {ReadingSize()} bytes per reading");
        Log("sensors", sensors.Length, total);               // a params array, and two boxes
        return 0;
    }

    private static void Record(Sensor sensor, int count, Func<double> next)
    {
        var scale = 10.0;                                    // captured by a local function only: stays on the stack
        for (var i = 0; i < count; i++)
            sensor.Readings.Add(Next());
        Reading Next() => new(next() * scale, next() * scale);
    }

    private static string Describe(Sensor[] sensors)
    {
        var builder = t_scratch ??= new StringBuilder();     // reused per thread instead of allocated per call
        builder.Clear();
        foreach (var sensor in sensors)
            builder.Append(sensor.Name).Append(": ").Append(sensor.Readings.Count).Append(" readings; ");
        s_reportsWritten++;
        return builder.ToString();
    }

    private static async Task<double> SumLengthsAsync(Sensor[] sensors)
    {
        var sum = 0.0;                                       // live across the await: a field of the state machine
        foreach (var sensor in sensors)
        {
            await Task.Yield();
            foreach (var reading in sensor.Readings)
                sum += reading.Length;
        }
        return sum;
    }

    private static IEnumerable<string> Histogram(Sensor[] sensors)
    {
        foreach (var sensor in sensors)                      // the iterator object holds sensor across each yield
        {
            var bar = new string('*', sensor.Readings.Count);
            yield return $"{sensor.Name,-6}{bar}";
        }
    }

    private static int Checksum(string text)
    {
        Span<byte> buffer = stackalloc byte[64];             // 64 bytes in this method's stack frame
        var written = Encoding.UTF8.GetBytes(text, buffer);
        var sum = 0;
        foreach (var b in buffer[..written])
            sum = sum * 31 + b;
        return sum;
    }

    private static unsafe int ReadingSize() => sizeof(Reading);

    private static void Log(string what, params object[] values)
    {
        object count = values.Length;                        // boxing: a 24-byte object for a 4-byte int
        Console.WriteLine($"{what}: {string.Join(", ", values)} ({count} values, {s_reportsWritten} report)");
    }
}
