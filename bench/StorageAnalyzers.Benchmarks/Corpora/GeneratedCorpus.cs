using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StorageAnalyzers.Benchmarks.Corpora;

/// <summary>
/// Deterministic, realistic C#: each file is a module with records and structs, static tables, a recursive-descent
/// parser with stackalloc, a store with async and iterator methods, and a service with closures, LINQ, boxing,
/// params, string building, events and calls into other modules. Made in memory from the file index alone, so
/// every run (and every machine) measures the same code.
/// </summary>
internal static class GeneratedCorpus
{
    public static Corpus Create(int files)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["RELEASE", "TRACE"]);
        var trees = Enumerable.Range(0, files)
            .Select(i => CSharpSyntaxTree.ParseText(Module(i, files), parseOptions, $"Gen/Module{i:D4}.cs"))
            .ToImmutableArray();
        var project = new CorpusProject($"Generated{files}", trees, Cli.Loading.ReferenceAssemblies.All, CorpusProject.LibraryOptions());
        return new Corpus(files == 1 ? "generated-1" : $"generated-{files}", [project], Targeted: true);
    }

    /// <summary>The source of module <paramref name="i"/> of <paramref name="count"/>.</summary>
    public static string Module(int i, int count)
    {
        var random = new Random(i);
        string I(int value) => value.ToString(CultureInfo.InvariantCulture);
        var next = I((i * 7 + 1) % count);
        var other = I((i * 13 + 5) % count);
        int limit = 64 + random.Next(64);
        int scratch = 16 << random.Next(4);
        int window = 2 + random.Next(5);
        string extra = (i % 4) switch
        {
            0 => Cache(i),
            1 => StateMachine(i),
            2 => Geometry(i),
            _ => Pipeline(i),
        };
        string thread = i % 50 == 0
            ? $"    public static System.Threading.Thread StartWorker() => new System.Threading.Thread(() => new Parser{i}(\"1(2(3))\").ParseExpression(8), 64 * 1024);\n"
            : "";
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Gen.M{{i}};

            public readonly record struct Point{{i}}(int X, int Y)
            {
                public int Length => Math.Abs(X) + Math.Abs(Y);
            }

            public struct Header{{i}}
            {
                public long Id;
                public int Flags;
                public byte Kind;
            }

            public enum Mode{{i}} { Off, On, Auto }

            public sealed class Order{{i}}
            {
                public int Id { get; init; }
                public string Name { get; set; } = "";
                public decimal Amount { get; set; }
                public List<string> Tags { get; } = new();
            }

            public static class Tables{{i}}
            {
                private static readonly int[] Primes = { 2, 3, 5, 7, 11, 13 };
                private static int s_counter;
                private static string? s_last;
                public static readonly Dictionary<string, int> Index = new() { ["a"] = 1, ["b"] = {{I(i)}} };
                [ThreadStatic] private static StringBuilder? t_builder;
                public const int Limit = {{I(limit)}};
                public static ReadOnlySpan<byte> Magic => [0x47, 0x45, 0x4E, {{I(i % 256)}}];
                public static int Next() => Interlocked.Increment(ref s_counter);
                public static StringBuilder Builder => t_builder ??= new StringBuilder();
                public static int PrimeAt(int index) => Primes[index % Primes.Length];
                public static string Remember(string text) => s_last = text + (s_last?.Length ?? 0);
            }

            public sealed class Parser{{i}}
            {
                private readonly string _text;
                private int _pos;

                public Parser{{i}}(string text) => _text = text;

                public int ParseNumber()
                {
                    int value = 0;
                    while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                        value = value * 10 + (_text[_pos++] - '0');
                    return value;
                }

                public int ParseExpression(int depth)
                {
                    Span<char> digits = stackalloc char[{{I(scratch)}}];
                    int left = ParseNumber();
                    if (depth > 0 && _pos < _text.Length && _text[_pos] == '(')
                    {
                        _pos++;
                        left += ParseExpression(depth - 1);
                    }
                    digits[0] = (char)('0' + left % 10);
                    return left + digits[0];
                }

                public static int Checksum(ReadOnlySpan<byte> data, int count)
                {
                    Span<byte> buffer = count <= Tables{{i}}.Limit ? stackalloc byte[count] : new byte[count];
                    data.Slice(0, Math.Min(count, data.Length)).CopyTo(buffer);
                    int sum = 0;
                    foreach (var b in buffer) sum += b;
                    return sum;
                }
            }

            public interface IStore{{i}}
            {
                Task<Order{{i}}?> FindAsync(int id, CancellationToken ct);
                IEnumerable<Order{{i}}> All();
            }

            public sealed class Store{{i}} : IStore{{i}}
            {
                private readonly Dictionary<int, Order{{i}}> _orders = new();

                public async Task<Order{{i}}?> FindAsync(int id, CancellationToken ct)
                {
                    await Task.Yield();
                    _orders.TryGetValue(id, out var order);
                    return order;
                }

                public IEnumerable<Order{{i}}> All()
                {
                    foreach (var pair in _orders)
                        yield return pair.Value;
                }

                public void Add(Order{{i}} order) => _orders[order.Id] = order;
            }

            public sealed class Service{{i}}(IStore{{i}} store)
            {
                private readonly Func<int, bool> _filter = id => id % {{I(window)}} == 0;
                private int _calls;

                public event EventHandler? Changed;

                public async Task<string> DescribeAsync(int id, CancellationToken ct)
                {
                    var order = await store.FindAsync(id, ct).ConfigureAwait(false);
                    if (order is null) return "missing";
                    var total = order.Amount * 1.2m;
                    await Task.Delay(1, ct).ConfigureAwait(false);
                    return $"{order.Name}: {total} ({order.Tags.Count} tags)";
                }

                public List<string> Names(int minimum)
                {
                    var threshold = minimum + _calls;
                    return store.All().Where(o => o.Amount > threshold).OrderBy(o => o.Name).Select(o => o.Name).ToList();
                }

                public int CountMatching(IEnumerable<int> ids)
                {
                    int count = 0;
                    foreach (var id in ids)
                    {
                        Action note = () => _calls += id;
                        if (_filter(id))
                        {
                            count++;
                            note();
                        }
                    }
                    return count;
                }

                public string Format(Point{{i}} point, Mode{{i}} mode, Header{{i}} header)
                {
                    object boxed = point;
                    var text = string.Format("{0} {1} {2}", point.X, mode, boxed);
                    Changed?.Invoke(this, EventArgs.Empty);
                    return text + header.GetHashCode() + Log("format", point.X, point.Y, mode);
                }

                public static string Log(string message, params object[] args) => message + args.Length;

                public IEnumerable<int> Window(int[] values)
                {
                    for (int i = 0; i + {{I(window)}} <= values.Length; i++)
                        yield return values.Skip(i).Take({{I(window)}}).Sum();
                }

                public Dictionary<string, int> Group(IEnumerable<Order{{i}}> orders) =>
                    (from o in orders group o by o.Name into g select new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count);

                public string Report(IReadOnlyList<Order{{i}}> orders)
                {
                    var builder = Tables{{i}}.Builder.Clear();
                    string summary = "";
                    for (int i = 0; i < orders.Count; i++)
                    {
                        summary += orders[i].Name + ";";
                        builder.Append(orders[i].Id).Append(',');
                    }
                    return Tables{{i}}.Remember(summary + builder);
                }

                public int Touch() => Gen.M{{next}}.Tables{{next}}.Next() + Gen.M{{other}}.Tables{{other}}.PrimeAt({{I(i)}}) + Gen.M{{next}}.Parser{{next}}.Checksum(Tables{{i}}.Magic, 4);

                public int Sum(int a, int b)
                {
                    int Add(int x) => x + a + b;
                    Span<int> values = [a, b, a + b];
                    int total = 0;
                    foreach (var v in values) total += Add(v);
                    return total;
                }
            {{thread}}}

            {{extra}}
            """;
    }

    private static string Cache(int i) => $$"""
        public sealed class Cache{{i}}<TKey, TValue> where TKey : notnull
        {
            private readonly Dictionary<TKey, (TValue Value, long Stamp)> _items = new();
            private readonly object _gate = new();
            private long _clock;

            public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
            {
                lock (_gate)
                {
                    if (_items.TryGetValue(key, out var entry)) return entry.Value;
                    var value = factory(key);
                    _items[key] = (value, ++_clock);
                    if (_items.Count > 100) Evict();
                    return value;
                }
            }

            private void Evict()
            {
                var oldest = _items.OrderBy(pair => pair.Value.Stamp).Take(10).Select(pair => pair.Key).ToList();
                foreach (var key in oldest) _items.Remove(key);
            }

            public override string ToString() => $"{_items.Count} items at {_clock}";
        }
        """;

    private static string StateMachine(int i) => $$"""
        public enum Token{{i}} { Number, Plus, Minus, Open, Close, End }

        public sealed class Lexer{{i}}
        {
            public static IEnumerable<(Token{{i}} Kind, int Value)> Tokens(string text)
            {
                int pos = 0;
                while (pos < text.Length)
                {
                    char c = text[pos];
                    switch (c)
                    {
                        case '+': pos++; yield return (Token{{i}}.Plus, 0); break;
                        case '-': pos++; yield return (Token{{i}}.Minus, 0); break;
                        case '(': pos++; yield return (Token{{i}}.Open, 0); break;
                        case ')': pos++; yield return (Token{{i}}.Close, 0); break;
                        case >= '0' and <= '9':
                            int value = 0;
                            while (pos < text.Length && char.IsDigit(text[pos])) value = value * 10 + (text[pos++] - '0');
                            yield return (Token{{i}}.Number, value);
                            break;
                        default: pos++; break;
                    }
                }
                yield return (Token{{i}}.End, 0);
            }

            public static string Describe(Token{{i}} token) => token switch
            {
                Token{{i}}.Number => "number",
                Token{{i}}.Plus or Token{{i}}.Minus => "operator",
                _ => token.ToString(),
            };
        }
        """;

    private static string Geometry(int i) => $$"""
        public struct Matrix{{i}}
        {
            public double M11, M12, M21, M22;

            public static Matrix{{i}} operator *(Matrix{{i}} a, Matrix{{i}} b) => new()
            {
                M11 = a.M11 * b.M11 + a.M12 * b.M21,
                M12 = a.M11 * b.M12 + a.M12 * b.M22,
                M21 = a.M21 * b.M11 + a.M22 * b.M21,
                M22 = a.M21 * b.M12 + a.M22 * b.M22,
            };

            public readonly double Determinant => M11 * M22 - M12 * M21;
        }

        public static class Shapes{{i}}
        {
            public static double Area(object shape) => shape switch
            {
                Point{{i}} p => p.X * p.Y,
                Matrix{{i}} m => Math.Abs(m.Determinant),
                IEnumerable<Point{{i}}> points => points.Sum(p => (double)p.Length),
                _ => 0,
            };

            public static double Total(List<Point{{i}}> points)
            {
                double total = 0;
                foreach (var p in points) total += Area(p);
                return total;
            }
        }
        """;

    private static string Pipeline(int i) => $$"""
        public sealed class Pipeline{{i}} : IDisposable
        {
            private readonly List<Func<string, Task<string>>> _stages = new();
            private readonly CancellationTokenSource _cts = new();

            public Pipeline{{i}} Then(Func<string, string> stage)
            {
                _stages.Add(s => Task.FromResult(stage(s)));
                return this;
            }

            public async Task<string> RunAsync(string input)
            {
                var current = input;
                foreach (var stage in _stages)
                {
                    _cts.Token.ThrowIfCancellationRequested();
                    current = await stage(current);
                }
                return current;
            }

            public async IAsyncEnumerable<int> LengthsAsync(IEnumerable<string> inputs)
            {
                foreach (var input in inputs)
                {
                    var result = await RunAsync(input);
                    yield return result.Length;
                }
            }

            public void Dispose() => _cts.Dispose();
        }
        """;
}
