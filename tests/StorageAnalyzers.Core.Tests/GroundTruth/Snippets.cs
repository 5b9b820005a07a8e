using System.Collections.Generic;
using System.Linq;

namespace StorageAnalyzers.Core.Tests.GroundTruth;

/// <summary>
/// Realistic, self-contained C# files for the IL ground-truth suite. Each one compiles alone as a library
/// (unsafe allowed, preview language, nullable disabled, no implicit usings) against the running runtime, and
/// declares every variable name at most once per method (lambdas and local functions included), because IL
/// fields are matched to variables by (method, name). Allocations of interest sit on their own lines.
/// </summary>
public static class Snippets
{
    /// <summary>xunit MemberData source: one row { name } per snippet.</summary>
    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>Snippet name (kebab-case, topic prefix first) to source text.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["locals-value-and-reference"] = """
            using System;
            using System.Collections.Generic;
            using System.Text;

            namespace Shop.Pricing;

            public class PriceCalculator
            {
                public string Describe(decimal unitPrice, int quantity)
                {
                    decimal subtotal = unitPrice * quantity;
                    double taxRate = 0.2;
                    bool discounted = quantity >= 10;
                    string label = discounted ? "bulk" : "retail";
                    var builder = new StringBuilder();
                    builder.Append(label);
                    builder.Append(':');
                    builder.Append(subtotal * (decimal)(1 + taxRate));
                    List<string> notes = null;
                    if (discounted)
                    {
                        notes = new List<string>();
                        notes.Add("10+ items");
                    }
                    DateTime stamp = DateTime.UtcNow;
                    builder.Append(stamp.Year);
                    int noteCount = notes?.Count ?? 0;
                    return builder.Append(noteCount).ToString();
                }
            }
            """,

        ["locals-new-class-struct-record"] = """
            using System;

            namespace Geometry;

            public class Canvas
            {
                public int Width;
                public int Height;
            }

            public struct Point
            {
                public int X;
                public int Y;
                public Point(int x, int y) { X = x; Y = y; }
            }

            public record Size(int Width, int Height);

            public record struct Offset(int Dx, int Dy);

            public static class Layout
            {
                public static int Place(int column, int row)
                {
                    var canvas = new Canvas { Width = 800, Height = 600 };
                    var origin = new Point(column * 10, row * 10);
                    var size = new Size(120, 40);
                    var offset = new Offset(4, 2);
                    Point empty = new Point();
                    Point defaulted = default;
                    var moved = offset with { Dx = 8 };
                    var bigger = size with { Width = 240 };
                    int left = canvas.Width - origin.X - bigger.Width;
                    return left - moved.Dx + empty.Y + defaulted.X;
                }
            }
            """,

        ["locals-tuples"] = """
            using System;
            using System.Collections.Generic;

            namespace Stats;

            public static class MinMax
            {
                public static (int Min, int Max) Range(IReadOnlyList<int> values)
                {
                    (int Min, int Max) result = (int.MaxValue, int.MinValue);
                    for (int i = 0; i < values.Count; i++)
                    {
                        int current = values[i];
                        if (current < result.Min) result.Min = current;
                        if (current > result.Max) result.Max = current;
                    }
                    return result;
                }

                public static string Summary(IReadOnlyList<int> data)
                {
                    var range = Range(data);
                    var pair = (Label: "span", Value: range.Max - range.Min);
                    ValueTuple<string, int> unnamed = pair;
                    var legacy = new Tuple<string, int>(unnamed.Item1, unnamed.Item2);
                    return legacy.Item1 + "=" + legacy.Item2;
                }
            }
            """,

        ["locals-deconstruction"] = """
            using System;
            using System.Collections.Generic;

            namespace Inventory;

            public record StockItem(string Sku, int OnHand, decimal Price);

            public static class StockReport
            {
                public static decimal TotalValue(IEnumerable<StockItem> items, Dictionary<string, int> reserved)
                {
                    decimal total = 0;
                    foreach (var (sku, onHand, price) in items)
                    {
                        var (available, isShort) = Availability(onHand, reserved.TryGetValue(sku, out var held) ? held : 0);
                        if (isShort) continue;
                        total += available * price;
                    }
                    foreach (var (key, count) in reserved)
                    {
                        total -= count > 0 && key.Length > 0 ? 0 : 1;
                    }
                    (int left, int right) = (1, 2);
                    (left, right) = (right, left);
                    return total + left - right;
                }

                private static (int Available, bool Short) Availability(int stock, int hold) => (stock - hold, stock < hold);
            }
            """,

        ["locals-pattern-variables"] = """
            using System;

            namespace Config;

            public record Setting(string Key, object Value);

            public static class SettingReader
            {
                public static int ReadTimeout(object raw)
                {
                    if (raw is int seconds)
                        return seconds * 1000;
                    if (raw is string text && int.TryParse(text, out int parsed))
                        return parsed;
                    return raw switch
                    {
                        long big when big < int.MaxValue => (int)big,
                        TimeSpan { TotalMilliseconds: var ms } => (int)ms,
                        Setting { Key: "timeout", Value: int inner } => inner,
                        Setting { Value: string nested } => nested.Length,
                        _ => 30_000,
                    };
                }

                public static string Kind(Setting setting) => setting switch
                {
                    { Value: null } => "missing",
                    { Value: bool flag } => flag ? "on" : "off",
                    { Key: { Length: > 10 } longKey } => "long:" + longKey,
                    _ => "other",
                };
            }
            """,

        ["locals-switch-statement-patterns"] = """
            using System;
            using System.Collections.Generic;

            namespace Shapes;

            public abstract record Shape;
            public record Circle(double Radius) : Shape;
            public record Rect(double Width, double Height) : Shape;
            public record Polygon(IReadOnlyList<(double X, double Y)> Points) : Shape;

            public static class AreaCalculator
            {
                public static double Area(Shape shape)
                {
                    switch (shape)
                    {
                        case Circle { Radius: var r } when r > 0:
                            double squared = r * r;
                            return Math.PI * squared;
                        case Rect rect:
                            return rect.Width * rect.Height;
                        case Polygon { Points.Count: >= 3 } polygon:
                            double sum = 0;
                            for (int i = 0; i < polygon.Points.Count; i++)
                            {
                                var (x1, y1) = polygon.Points[i];
                                var (x2, y2) = polygon.Points[(i + 1) % polygon.Points.Count];
                                sum += x1 * y2 - x2 * y1;
                            }
                            return Math.Abs(sum) / 2;
                        default:
                            return 0;
                    }
                }
            }
            """,

        ["locals-out-var"] = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;

            namespace Parsing;

            public class QueryStringParser
            {
                private readonly Dictionary<string, string> _values = new();

                public int GetInt(string name, int fallback)
                {
                    if (_values.TryGetValue(name, out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
                        return number;
                    return fallback;
                }

                public void Parse(string query)
                {
                    foreach (var part in query.Split('&'))
                    {
                        int eq = part.IndexOf('=');
                        if (eq < 0) continue;
                        string key = part.Substring(0, eq);
                        _values[key] = Uri.UnescapeDataString(part.Substring(eq + 1));
                    }
                    SplitPath(query, out string head, out _);
                    _values["_head"] = head;
                }

                private static void SplitPath(string s, out string first, out string rest)
                {
                    int idx = s.IndexOf('?');
                    first = idx < 0 ? s : s.Substring(0, idx);
                    rest = idx < 0 ? "" : s.Substring(idx + 1);
                }
            }
            """,

        ["locals-using-declarations"] = """
            using System;
            using System.IO;
            using System.Text;

            namespace Logging;

            public sealed class FileLogWriter
            {
                private readonly string _path;

                public FileLogWriter(string path) => _path = path;

                public int CountLines()
                {
                    using var stream = File.OpenRead(_path);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    int lines = 0;
                    while (reader.ReadLine() is { } line)
                    {
                        if (line.Length > 0) lines++;
                    }
                    return lines;
                }

                public byte[] Append(string message)
                {
                    using (var writer = new StreamWriter(_path, append: true))
                    {
                        writer.WriteLine(message);
                    }
                    using (var buffer = new MemoryStream())
                    using (var bufferWriter = new StreamWriter(buffer))
                    {
                        bufferWriter.Write(message);
                        bufferWriter.Flush();
                        return buffer.ToArray();
                    }
                }
            }
            """,

        ["locals-catch-variables"] = """
            using System;
            using System.IO;
            using System.Net.Http;

            namespace Resilience;

            public class ErrorClassifier
            {
                public string Classify(Action action)
                {
                    try { action(); return "ok"; }
                    catch (HttpRequestException httpEx) when (httpEx.StatusCode != null)
                    {
                        return "http:" + (int)httpEx.StatusCode.Value;
                    }
                    catch (IOException ioEx)
                    {
                        string detail = ioEx.Message;
                        return "io:" + detail;
                    }
                    catch (Exception ex)
                    {
                        var wrapped = new InvalidOperationException("unexpected", ex);
                        return wrapped.Message;
                    }
                }

                public Func<string> Defer(Action work)
                {
                    try { work(); }
                    catch (Exception failure)
                    {
                        return () => failure.Message;
                    }
                    return () => "ok";
                }
            }
            """,

        ["locals-foreach-loops"] = """
            using System;
            using System.Collections.Generic;

            namespace Reports;

            public class WordCounter
            {
                public Dictionary<string, int> Count(string[] lines, List<string> stopWords)
                {
                    var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                    foreach (string line in lines)
                    {
                        foreach (var word in line.Split(' '))
                        {
                            if (stopWords.Contains(word)) continue;
                            counts.TryGetValue(word, out int seen);
                            counts[word] = seen + 1;
                        }
                    }
                    foreach (var stop in stopWords)
                    {
                        counts.Remove(stop);
                    }
                    foreach (KeyValuePair<string, int> entry in counts)
                    {
                        if (entry.Value == 1)
                            Console.WriteLine(entry.Key);
                    }
                    return counts;
                }
            }
            """,

        ["locals-ref-locals-scoped"] = """
            using System;

            namespace Numerics;

            public class Histogram
            {
                private readonly int[] _buckets = new int[16];

                public void Add(int value)
                {
                    ref int slot = ref _buckets[value & 15];
                    slot++;
                    ref readonly int first = ref _buckets[0];
                    if (first > 1000)
                        Array.Clear(_buckets);
                }

                public int Max()
                {
                    scoped Span<int> view = _buckets.AsSpan();
                    int best = 0;
                    foreach (ref readonly int bucket in view)
                    {
                        if (bucket > best) best = bucket;
                    }
                    return best;
                }

                public static void Swap(ref int left, ref int right)
                {
                    scoped ref int tmp = ref left;
                    int saved = tmp;
                    left = right;
                    right = saved;
                }
            }
            """,

        ["locals-stackalloc-span"] = """
            using System;
            using System.Text;

            namespace Codecs;

            public static class HexFormatter
            {
                public static string ToHex(ReadOnlySpan<byte> data)
                {
                    Span<char> chars = data.Length <= 128
                        ? stackalloc char[data.Length * 2]
                        : new char[data.Length * 2];
                    for (int i = 0; i < data.Length; i++)
                    {
                        byte b = data[i];
                        chars[2 * i] = Digit(b >> 4);
                        chars[2 * i + 1] = Digit(b & 0xF);
                    }
                    return new string(chars);
                }

                public static int Checksum(string text)
                {
                    Span<byte> buffer = stackalloc byte[256];
                    int written = Encoding.UTF8.GetBytes(text.AsSpan(0, Math.Min(text.Length, 64)), buffer);
                    int sum = 0;
                    foreach (byte value in buffer.Slice(0, written))
                        sum += value;
                    return sum;
                }

                private static char Digit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }
            """,

        ["locals-stackalloc-pointer-unsafe"] = """
            using System;

            namespace Interop;

            public static unsafe class NativeBuffers
            {
                public static long SumSquares(int count)
                {
                    int* squares = stackalloc int[16];
                    int n = Math.Min(count, 16);
                    for (int i = 0; i < n; i++)
                    {
                        squares[i] = i * i;
                    }
                    long total = 0;
                    int* cursor = squares;
                    while (cursor < squares + n)
                    {
                        total += *cursor++;
                    }
                    return total;
                }

                public static int FirstNonZero(byte[] data)
                {
                    fixed (byte* start = data)
                    {
                        byte* end = start + data.Length;
                        for (byte* p = start; p < end; p++)
                        {
                            if (*p != 0) return (int)(p - start);
                        }
                    }
                    return -1;
                }
            }
            """,

        ["locals-ref-struct"] = """
            using System;

            namespace Parsing;

            public ref struct CsvFieldReader
            {
                private ReadOnlySpan<char> _rest;

                public CsvFieldReader(ReadOnlySpan<char> line) { _rest = line; }

                public bool TryNext(out ReadOnlySpan<char> field)
                {
                    if (_rest.IsEmpty) { field = default; return false; }
                    int comma = _rest.IndexOf(',');
                    field = comma < 0 ? _rest : _rest.Slice(0, comma);
                    _rest = comma < 0 ? ReadOnlySpan<char>.Empty : _rest.Slice(comma + 1);
                    return true;
                }
            }

            public static class CsvStats
            {
                public static int CountNumericFields(string csvLine)
                {
                    var reader = new CsvFieldReader(csvLine.AsSpan());
                    int numeric = 0;
                    while (reader.TryNext(out var cell))
                    {
                        if (int.TryParse(cell, out _)) numeric++;
                    }
                    ReadOnlySpan<char> trimmed = csvLine.AsSpan().Trim();
                    return trimmed.IsEmpty ? 0 : numeric;
                }
            }
            """,

        ["locals-query-range-variables"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Sales;

            public record Order(int Id, int CustomerId, decimal Total);

            public record Customer(int Id, string Name, string Country);

            public static class SalesQueries
            {
                public static List<string> BigSpenders(IEnumerable<Order> orders, IEnumerable<Customer> customers, decimal threshold)
                {
                    var query =
                        from o in orders
                        join c in customers on o.CustomerId equals c.Id
                        let net = o.Total * 0.8m
                        where net > threshold
                        orderby net descending
                        select c.Name + ": " + net;
                    return query.ToList();
                }

                public static Dictionary<string, int> OrdersPerCountry(IEnumerable<Order> orders, IEnumerable<Customer> customers)
                {
                    var perCountry =
                        from cu in customers
                        join od in orders on cu.Id equals od.CustomerId into placed
                        group placed.Count() by cu.Country into byCountry
                        select new { Country = byCountry.Key, Count = byCountry.Sum() };
                    return perCountry.ToDictionary(row => row.Country, item => item.Count);
                }
            }
            """,

        ["closures-lambda-captures-local"] = """
            using System;
            using System.Collections.Generic;

            namespace Events;

            public class ClickTracker
            {
                public Action Track(List<string> log, string button)
                {
                    int clicks = 0;
                    string prefix = "[" + button + "]";
                    Action onClick = () =>
                    {
                        clicks++;
                        log.Add(prefix + clicks);
                    };
                    int untouched = 42;
                    log.Add("registered " + untouched);
                    return onClick;
                }

                public Func<int> Counter(int start)
                {
                    int current = start;
                    return () => current++;
                }
            }
            """,

        ["closures-anonymous-method"] = """
            using System;
            using System.Threading;

            namespace Legacy;

            public class TimerHost
            {
                public event EventHandler Elapsed;

                public Timer Start(int periodMs)
                {
                    int ticks = 0;
                    EventHandler handler = delegate (object sender, EventArgs e)
                    {
                        ticks++;
                    };
                    Elapsed += handler;
                    TimerCallback callback = delegate
                    {
                        Elapsed?.Invoke(this, EventArgs.Empty);
                        if (ticks > 100) Elapsed -= handler;
                    };
                    return new Timer(callback, null, 0, periodMs);
                }

                public static Comparison<string> ByLength()
                {
                    return delegate (string a, string b) { return a.Length - b.Length; };
                }
            }
            """,

        ["closures-local-function-struct-closure"] = """
            using System;
            using System.Collections.Generic;

            namespace Validation;

            public class FormValidator
            {
                public List<string> Validate(string name, string email, int age)
                {
                    var errors = new List<string>();
                    int minAge = 18;

                    Require(name.Length > 0, "name is required");
                    Require(email.Contains('@'), "email is invalid");
                    Require(age >= minAge, "too young");
                    return errors;

                    void Require(bool condition, string message)
                    {
                        if (!condition)
                            errors.Add(message + " (min " + minAge + ")");
                    }
                }

                public int Score(string password)
                {
                    int points = 0;
                    Bump(password.Length >= 12);
                    Bump(password.IndexOfAny(new[] { '!', '?', '#' }) >= 0);
                    return points;

                    void Bump(bool when) { if (when) points++; }
                }
            }
            """,

        ["closures-local-function-to-delegate"] = """
            using System;
            using System.Collections.Generic;

            namespace Scheduling;

            public class JobQueue
            {
                private readonly Queue<Func<int>> _jobs = new();

                public void EnqueueBatch(int size, int weight)
                {
                    int processed = 0;
                    Func<int> job = Run;
                    _jobs.Enqueue(job);
                    _jobs.Enqueue(Run);
                    _jobs.Enqueue(Constant);

                    int Run()
                    {
                        processed += size;
                        return processed * weight;
                    }

                    static int Constant() => 7;
                }

                public int Drain()
                {
                    int total = 0;
                    while (_jobs.TryDequeue(out var next))
                        total += next();
                    return total;
                }
            }
            """,

        ["closures-local-function-called-from-lambda"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Pricing;

            public class DiscountEngine
            {
                public List<decimal> Apply(IEnumerable<decimal> prices, decimal percent)
                {
                    decimal factor = 1 - percent / 100m;
                    return prices
                        .Select(price => Round(price * factor))
                        .ToList();

                    decimal Round(decimal amount) => Math.Round(amount, 2) + Adjust();

                    decimal Adjust() => percent > 50 ? 0.01m : 0m;
                }

                public Func<int, int> Tiered(int threshold)
                {
                    int bonus = threshold / 10;
                    return units => Extra(units) + bonus;

                    int Extra(int qty) => qty > threshold ? qty - threshold : 0;
                }
            }
            """,

        ["closures-nested-lambdas"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Menus;

            public class MenuBuilder
            {
                public Func<string, Func<int, string>> CreateFormatter(string separator)
                {
                    int calls = 0;
                    return title =>
                    {
                        string upper = title.ToUpperInvariant();
                        return index =>
                        {
                            calls++;
                            return index + separator + upper + calls;
                        };
                    };
                }

                public IEnumerable<IEnumerable<string>> Grid(int rows, int cols)
                {
                    return Enumerable.Range(0, rows)
                        .Select(r => Enumerable.Range(0, cols)
                            .Select(col => r + "," + col + "/" + cols));
                }
            }
            """,

        ["closures-this-only"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Catalog;

            public class ProductFilter
            {
                private readonly HashSet<string> _blocked = new() { "recalled" };
                private readonly decimal _maxPrice;

                public ProductFilter(decimal maxPrice) => _maxPrice = maxPrice;

                public List<string> Visible(IEnumerable<(string Name, decimal Price, string Tag)> products)
                {
                    return products
                        .Where(item => !_blocked.Contains(item.Tag))
                        .Where(entry => entry.Price <= _maxPrice)
                        .Select(pick => pick.Name)
                        .ToList();
                }

                private bool IsCheap(decimal price) => price < _maxPrice / 2;

                public Func<decimal, bool> CheapCheck() => amount => IsCheap(amount);

                public Action Reset() => () => _blocked.Clear();
            }
            """,

        ["closures-static-and-non-capturing-lambdas"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace TextTools;

            public static class SlugGenerator
            {
                public static string Slugify(string title)
                {
                    var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(static word => word.ToLowerInvariant())
                        .Where(static token => token.Length > 2);
                    Func<char, bool> keep = static ch => char.IsLetterOrDigit(ch) || ch == '-';
                    string joined = string.Join("-", words);
                    return new string(joined.Where(keep).ToArray());
                }

                public static int[] Lengths(IEnumerable<string> parts)
                {
                    Func<string, int> measure = s => s.Length;
                    Comparison<int> descending = (a, b) => b.CompareTo(a);
                    var result = parts.Select(measure).ToArray();
                    Array.Sort(result, descending);
                    return result;
                }

                public static Func<int, int> Doubler() => static n => n * 2;
            }
            """,

        ["closures-for-loop-capture"] = """
            using System;
            using System.Collections.Generic;

            namespace Workers;

            public class CallbackFactory
            {
                public List<Func<int>> BuildSquares(int count)
                {
                    var result = new List<Func<int>>();
                    for (int i = 0; i < count; i++)
                    {
                        int copy = i;
                        result.Add(() => copy * copy);
                    }
                    for (int k = 0; k < 3; k++)
                    {
                        result.Add(() => k);
                    }
                    return result;
                }

                public Action[] Countdown(int from)
                {
                    var steps = new Action[from];
                    for (int step = from; step > 0; step--)
                    {
                        string label = "T-" + step;
                        steps[from - step] = () => Console.WriteLine(label);
                    }
                    return steps;
                }
            }
            """,

        ["closures-foreach-capture"] = """
            using System;
            using System.Collections.Generic;

            namespace Notifications;

            public class Notifier
            {
                private readonly List<Action> _pending = new();

                public void QueueAll(IEnumerable<string> recipients, string subject)
                {
                    foreach (var recipient in recipients)
                    {
                        string line = subject + " -> " + recipient;
                        _pending.Add(() => Console.WriteLine(line));
                    }
                    foreach (var address in recipients)
                    {
                        _pending.Add(() => Send(address));
                    }
                }

                private static void Send(string to) => Console.WriteLine("send " + to);

                public void Flush()
                {
                    foreach (var action in _pending)
                        action();
                    _pending.Clear();
                }
            }
            """,

        ["closures-while-loop-capture"] = """
            using System;
            using System.Collections.Generic;
            using System.IO;

            namespace Ingest;

            public class LineDispatcher
            {
                public List<Func<string>> Dispatch(TextReader reader)
                {
                    var handlers = new List<Func<string>>();
                    int lineNo = 0;
                    string text;
                    while ((text = reader.ReadLine()) != null)
                    {
                        lineNo++;
                        string trimmed = text.Trim();
                        int at = lineNo;
                        handlers.Add(() => at + ": " + trimmed);
                    }
                    handlers.Add(() => "total " + lineNo);
                    return handlers;
                }
            }
            """,

        ["closures-parameter-capture"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Search;

            public class ProductSearch
            {
                public IEnumerable<string> Find(IEnumerable<string> names, string term, bool caseSensitive)
                {
                    var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                    if (term.Length == 0)
                        return names;
                    return names.Where(name => name.Contains(term, comparison));
                }

                public Predicate<int> InRange(int low, int high) => value => value >= low && value <= high;

                public Func<string> Describe(string product, int stock)
                {
                    string status = stock > 0 ? "in stock" : "sold out";
                    return () => product + ": " + status;
                }
            }
            """,

        ["closures-capture-in-inner-scope"] = """
            using System;
            using System.Collections.Generic;

            namespace Charts;

            public class SeriesRenderer
            {
                public string Render(IList<int> values, bool verbose)
                {
                    string header = "values=" + values.Count;
                    if (verbose)
                    {
                        int limit = values.Count / 2;
                        Func<int, bool> small = v => v < limit;
                        header += " small=" + CountWhere(values, small);
                    }
                    else
                    {
                        int cutoff = 100;
                        header += " big=" + CountWhere(values, w => w > cutoff);
                    }
                    return header;
                }

                private static int CountWhere(IList<int> items, Func<int, bool> test)
                {
                    int n = 0;
                    foreach (int item in items)
                        if (test(item)) n++;
                    return n;
                }
            }
            """,

        ["closures-generic-cache-capture"] = """
            using System;
            using System.Collections.Generic;

            namespace Caching;

            public class LazyCache<TKey, TValue>
            {
                private readonly Dictionary<TKey, Lazy<TValue>> _entries = new();
                private int _misses;

                public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
                {
                    if (_entries.TryGetValue(key, out var existing))
                        return existing.Value;
                    _misses++;
                    var created = new Lazy<TValue>(() => factory(key));
                    _entries[key] = created;
                    return created.Value;
                }

                public Func<TKey, bool> Contains() => candidate => _entries.ContainsKey(candidate);

                public static Func<TValue, TValue> Identity() => same => same;

                public int Misses => _misses;
            }
            """,

        ["closures-nested-scope-chain"] = """
            using System;
            using System.Collections.Generic;

            namespace Alerts;

            public class AlertRules
            {
                public List<Func<double, string>> Compile(Dictionary<string, double[]> thresholds, string unit)
                {
                    var rules = new List<Func<double, string>>();
                    foreach (var entry in thresholds)
                    {
                        string metric = entry.Key;
                        for (int level = 0; level < entry.Value.Length; level++)
                        {
                            double limit = entry.Value[level];
                            int severity = level + 1;
                            rules.Add(reading => reading > limit ? metric + " sev" + severity + " " + unit : null);
                        }
                    }
                    return rules;
                }
            }
            """,

        ["async-local-live-across-await"] = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Downloads;

            public class PageFetcher
            {
                private readonly HttpClient _client = new HttpClient();

                public async Task<int> FetchLengthAsync(string url)
                {
                    var started = DateTime.UtcNow;
                    string body = await _client.GetStringAsync(url);
                    int length = body.Length;
                    var elapsed = DateTime.UtcNow - started;
                    Console.WriteLine(url + " " + elapsed.TotalMilliseconds);
                    return length;
                }

                public async Task<string> FetchBothAsync(string first, string second)
                {
                    string a = await _client.GetStringAsync(first);
                    string b = await _client.GetStringAsync(second);
                    return a.Length > b.Length ? a : b;
                }
            }
            """,

        ["async-locals-dead-before-await"] = """
            using System;
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;

            namespace Uploads;

            public class ReportUploader
            {
                public async Task UploadAsync(Stream destination, string[] rows)
                {
                    int count = rows.Length;
                    string header = "rows=" + count;
                    byte[] headerBytes = Encoding.UTF8.GetBytes(header);
                    await destination.WriteAsync(headerBytes, 0, headerBytes.Length);
                    await destination.FlushAsync();
                }

                public async Task<bool> TouchAsync(string path)
                {
                    var info = new FileInfo(path);
                    bool existed = info.Exists;
                    long size = existed ? info.Length : 0;
                    Console.WriteLine(path + ": " + size);
                    await File.AppendAllTextAsync(path, "");
                    return true;
                }
            }
            """,

        ["async-locals-after-last-await"] = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            namespace Settings;

            public class ConfigLoader
            {
                public async Task<Dictionary<string, string>> LoadAsync(string path)
                {
                    string content = await File.ReadAllTextAsync(path);
                    var map = new Dictionary<string, string>();
                    foreach (var rawLine in content.Split('\n'))
                    {
                        int sep = rawLine.IndexOf('=');
                        if (sep <= 0) continue;
                        string key = rawLine.Substring(0, sep).Trim();
                        map[key] = rawLine.Substring(sep + 1).Trim();
                    }
                    int entries = map.Count;
                    Console.WriteLine("loaded " + entries);
                    return map;
                }
            }
            """,

        ["async-loops-around-await"] = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Batches;

            public class BatchProcessor
            {
                public async Task<int> ProcessAsync(IReadOnlyList<string> ids, Func<string, Task<bool>> handler)
                {
                    int succeeded = 0;
                    for (int attempt = 0; attempt < ids.Count; attempt++)
                    {
                        string id = ids[attempt];
                        bool ok = await handler(id);
                        if (ok) succeeded++;
                        var note = ok ? "done " : "failed ";
                        Console.WriteLine(note + id);
                    }
                    int index = 0;
                    while (index < 3)
                    {
                        await Task.Delay(10);
                        index++;
                    }
                    foreach (var tail in ids)
                    {
                        await handler(tail);
                    }
                    return succeeded;
                }
            }
            """,

        ["async-try-finally-await"] = """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Output;

            public class LockedWriter
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

                public async Task WriteAsync(TextWriter writer, string message)
                {
                    await _gate.WaitAsync();
                    var stamp = DateTime.Now;
                    try
                    {
                        string line = stamp.ToString("O") + " " + message;
                        await writer.WriteLineAsync(line);
                    }
                    catch (IOException error)
                    {
                        Console.Error.WriteLine(error.Message);
                        await writer.FlushAsync();
                    }
                    finally
                    {
                        _gate.Release();
                        TimeSpan took = DateTime.Now - stamp;
                        Console.WriteLine(took.TotalMilliseconds);
                    }
                }
            }
            """,

        ["async-using-and-await"] = """
            using System;
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            namespace Archives;

            public class ArchiveService
            {
                public async Task<long> CompressAsync(string source, string target)
                {
                    await using var input = File.OpenRead(source);
                    await using var output = File.Create(target);
                    using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
                    await input.CopyToAsync(gzip);
                    await gzip.FlushAsync();
                    return output.Position;
                }

                public async Task<int> ChecksumAsync(Stream data)
                {
                    using (var copy = new MemoryStream())
                    {
                        await data.CopyToAsync(copy);
                        byte[] bytes = copy.ToArray();
                        int sum = 0;
                        foreach (byte value in bytes) sum += value;
                        return sum;
                    }
                }
            }
            """,

        ["async-parameters"] = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Messaging;

            public class NotificationSender
            {
                public async Task SendAsync(string recipient, int priority, CancellationToken cancellationToken)
                {
                    if (priority > 5)
                        Console.WriteLine("urgent: " + recipient);
                    await Task.Delay(priority * 10, cancellationToken);
                }

                public Task SendLaterAsync(string target) => SendAsync(target, 1, CancellationToken.None);

                public async Task<bool> PingAsync(Uri endpoint, TimeSpan timeout)
                {
                    using var cts = new CancellationTokenSource(timeout);
                    await Task.Delay(1, cts.Token);
                    return endpoint.IsAbsoluteUri;
                }
            }
            """,

        ["async-valuetask"] = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Lookups;

            public class CachedLookup
            {
                private readonly Dictionary<int, string> _cache = new();

                public async ValueTask<string> GetAsync(int id)
                {
                    if (_cache.TryGetValue(id, out var hit))
                        return hit;
                    string loaded = await LoadFromStoreAsync(id);
                    _cache[id] = loaded;
                    return loaded;
                }

                public async ValueTask WarmUpAsync(int[] ids)
                {
                    foreach (int key in ids)
                    {
                        await GetAsync(key);
                    }
                }

                private static async Task<string> LoadFromStoreAsync(int itemId)
                {
                    await Task.Yield();
                    return "item-" + itemId;
                }
            }
            """,

        ["async-lambdas"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Pipelines;

            public class Pipeline
            {
                public Func<string, Task<int>> BuildStep(HttpClient client, int retries)
                {
                    int invocations = 0;
                    Func<string, Task<int>> step = async url =>
                    {
                        invocations++;
                        string payload = await client.GetStringAsync(url);
                        int size = payload.Length;
                        await Task.Delay(retries);
                        return size + invocations;
                    };
                    return step;
                }

                public Task RunAllAsync(IEnumerable<string> urls, Func<string, Task<int>> worker) =>
                    Task.WhenAll(urls.Select(async target => await worker(target)));

                public static Func<Task> Heartbeat() => static async () => await Task.Delay(1000);
            }
            """,

        ["async-local-functions"] = """
            using System;
            using System.Diagnostics;
            using System.Threading.Tasks;

            namespace Monitoring;

            public class HealthChecker
            {
                public async Task<bool> CheckAllAsync(string[] hosts, int timeoutMs)
                {
                    int healthy = 0;
                    foreach (var host in hosts)
                    {
                        if (await ProbeAsync(host)) healthy++;
                    }
                    return healthy == hosts.Length;

                    async Task<bool> ProbeAsync(string name)
                    {
                        var watch = Stopwatch.StartNew();
                        await Task.Delay(5);
                        return name.Length > 0 && watch.ElapsedMilliseconds < timeoutMs;
                    }
                }

                public Task<int> CountAsync(int limit)
                {
                    return Inner();

                    static async Task<int> Inner()
                    {
                        await Task.Yield();
                        return 1;
                    }
                }
            }
            """,

        ["async-retry-policy"] = """
            using System;
            using System.Threading.Tasks;

            namespace Resilience;

            public class RetryPolicy
            {
                private readonly int _maxAttempts;
                private readonly TimeSpan _delay;

                public RetryPolicy(int maxAttempts, TimeSpan delay)
                {
                    _maxAttempts = maxAttempts;
                    _delay = delay;
                }

                public async Task<T> ExecuteAsync<T>(Func<Task<T>> operation)
                {
                    int attempt = 0;
                    Action logFailure = () => Console.WriteLine("attempt " + attempt + " failed");
                    while (true)
                    {
                        attempt++;
                        try
                        {
                            return await operation();
                        }
                        catch (Exception failure) when (attempt < _maxAttempts)
                        {
                            logFailure();
                            Console.WriteLine(failure.GetType().Name);
                        }
                        finally
                        {
                            Console.WriteLine("after attempt " + attempt);
                        }
                        await Task.Delay(_delay);
                    }
                }
            }
            """,

        ["async-fan-out"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            namespace Quotes;

            public class PriceAggregator
            {
                public async Task<decimal> BestPriceAsync(IReadOnlyList<Func<Task<decimal>>> quotes)
                {
                    var tasks = new List<Task<decimal>>();
                    foreach (var quote in quotes)
                    {
                        tasks.Add(quote());
                    }
                    decimal[] results = await Task.WhenAll(tasks);
                    decimal best = decimal.MaxValue;
                    foreach (var price in results)
                        best = Math.Min(best, price);
                    return best;
                }

                public async Task<string[]> NamesAsync(IEnumerable<int> ids, Func<int, Task<string>> lookup)
                {
                    var pending = ids.Select(lookup).ToArray();
                    string[] names = await Task.WhenAll(pending);
                    return names.Where(found => found != null).ToArray();
                }
            }
            """,

        ["async-disjoint-scopes"] = """
            using System;
            using System.Threading.Tasks;

            namespace Mirroring;

            public class MirrorJob
            {
                public async Task<int> MirrorAsync(string[] sources, string[] targets)
                {
                    int copied = 0;
                    if (sources.Length > 0)
                    {
                        string first = sources[0];
                        await Task.Delay(1);
                        Console.WriteLine("first " + first);
                    }
                    if (targets.Length > 0)
                    {
                        string last = targets[targets.Length - 1];
                        await Task.Delay(1);
                        Console.WriteLine("last " + last);
                        copied++;
                    }
                    return copied;
                }
            }
            """,

        ["async-task-no-await-paths"] = """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Storage;

            public class BlobStore
            {
                private readonly string _root;

                public BlobStore(string root) => _root = root;

                public async Task<byte[]> ReadAsync(string name, CancellationToken token)
                {
                    string full = Path.Combine(_root, name);
                    if (!File.Exists(full))
                        return Array.Empty<byte>();
                    byte[] data = await File.ReadAllBytesAsync(full, token);
                    Console.WriteLine(full + " " + data.Length);
                    return data;
                }

                public async Task DeleteAsync(string name)
                {
                    string target = Path.Combine(_root, name);
                    await Task.Run(() => File.Delete(target));
                }
            }
            """,

        ["state-machines-unused-parameters"] = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Feeds;

            public static class Readers
            {
                public static IEnumerable<int> Numbers(int count, long ignoredSeed)
                {
                    for (int index = 0; index < count; index++)
                        yield return index;
                }

                public static async Task<int> CountAsync(int limit, string ignoredName)
                {
                    await Task.Yield();
                    return limit;
                }
            }
            """,

        ["iterators-indexer-parameters"] = """
            using System.Collections.Generic;

            namespace Sheets;

            public class Grid
            {
                private readonly int[] cells = new int[64];

                public IEnumerable<int> this[int row, long column]
                {
                    get
                    {
                        for (int offset = 0; offset < 8; offset++)
                            yield return cells[(row * 8 + offset + (int)column) % cells.Length];
                    }
                }
            }
            """,

        ["iterators-locals-across-yield"] = """
            using System;
            using System.Collections.Generic;

            namespace Sequences;

            public static class Generators
            {
                public static IEnumerable<long> Fibonacci(int count)
                {
                    long previous = 0;
                    long current = 1;
                    for (int n = 0; n < count; n++)
                    {
                        yield return previous;
                        long next = previous + current;
                        previous = current;
                        current = next;
                    }
                }

                public static IEnumerable<int> Primes(int max)
                {
                    var sieve = new bool[max + 1];
                    for (int candidate = 2; candidate <= max; candidate++)
                    {
                        if (sieve[candidate]) continue;
                        int square = candidate * candidate;
                        for (int multiple = square; multiple <= max; multiple += candidate)
                            sieve[multiple] = true;
                        yield return candidate;
                    }
                }
            }
            """,

        ["iterators-parameters-and-chunking"] = """
            using System;
            using System.Collections.Generic;

            namespace Batching;

            public static class Chunker
            {
                public static IEnumerable<T[]> Chunk<T>(IEnumerable<T> source, int size)
                {
                    var bucket = new List<T>(size);
                    foreach (var item in source)
                    {
                        bucket.Add(item);
                        if (bucket.Count == size)
                        {
                            yield return bucket.ToArray();
                            bucket.Clear();
                        }
                    }
                    if (bucket.Count > 0)
                        yield return bucket.ToArray();
                }

                public static IEnumerable<string> Lines(string text, bool skipEmpty)
                {
                    int start = 0;
                    while (start <= text.Length)
                    {
                        int end = text.IndexOf('\n', start);
                        if (end < 0) end = text.Length;
                        string line = text.Substring(start, end - start);
                        start = end + 1;
                        if (!skipEmpty || line.Length > 0)
                            yield return line;
                    }
                }
            }
            """,

        ["iterators-try-finally"] = """
            using System;
            using System.Collections.Generic;
            using System.IO;

            namespace Logs;

            public sealed class LogTail
            {
                public IEnumerable<string> ReadEntries(string path, string level)
                {
                    var reader = new StreamReader(path);
                    try
                    {
                        string entry;
                        while ((entry = reader.ReadLine()) != null)
                        {
                            if (entry.StartsWith(level, StringComparison.Ordinal))
                                yield return entry.Substring(level.Length);
                        }
                    }
                    finally
                    {
                        reader.Dispose();
                    }
                }

                public IEnumerable<int> Numbers(string file)
                {
                    using var source = File.OpenText(file);
                    string row;
                    while ((row = source.ReadLine()) != null)
                    {
                        if (int.TryParse(row, out int number))
                            yield return number;
                    }
                }
            }
            """,

        ["iterators-ienumerator"] = """
            using System;
            using System.Collections;
            using System.Collections.Generic;

            namespace Collections;

            public class Ring<T> : IEnumerable<T>
            {
                private readonly T[] _items;
                private readonly int _start;

                public Ring(T[] items, int start)
                {
                    _items = items;
                    _start = start;
                }

                public IEnumerator<T> GetEnumerator()
                {
                    int length = _items.Length;
                    for (int offset = 0; offset < length; offset++)
                    {
                        yield return _items[(_start + offset) % length];
                    }
                }

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

                public static IEnumerator<int> Countdown(int from)
                {
                    while (from > 0)
                        yield return from--;
                }
            }
            """,

        ["iterators-lambda-inside"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Trees;

            public class Node
            {
                public string Name = "";
                public List<Node> Children = new();
            }

            public static class TreeWalker
            {
                public static IEnumerable<string> Paths(Node root, string separator)
                {
                    var stack = new Stack<(Node Node, string Prefix)>();
                    stack.Push((root, ""));
                    while (stack.Count > 0)
                    {
                        var (node, prefix) = stack.Pop();
                        string path = prefix + separator + node.Name;
                        yield return path;
                        foreach (var child in node.Children.Where(c => c.Name != node.Name))
                            stack.Push((child, path));
                    }
                }
            }
            """,

        ["iterators-async-stream"] = """
            using System;
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Feeds;

            public class TickerFeed
            {
                public async IAsyncEnumerable<decimal> PricesAsync(string symbol, int count, [EnumeratorCancellation] CancellationToken token = default)
                {
                    decimal last = 100m;
                    for (int tick = 0; tick < count; tick++)
                    {
                        await Task.Delay(10, token);
                        decimal change = (symbol.Length + tick) % 3 - 1;
                        last += change;
                        yield return last;
                    }
                }

                public async Task<decimal> AverageAsync(string symbol)
                {
                    decimal sum = 0;
                    int seen = 0;
                    await foreach (var price in PricesAsync(symbol, 10))
                    {
                        sum += price;
                        seen++;
                    }
                    return seen == 0 ? 0 : sum / seen;
                }
            }
            """,

        ["parameters-ref-out-in"] = """
            using System;

            namespace LinearAlgebra;

            public struct Matrix2
            {
                public double A, B, C, D;
            }

            public static class MatrixMath
            {
                public static void Multiply(in Matrix2 left, in Matrix2 right, out Matrix2 product)
                {
                    product.A = left.A * right.A + left.B * right.C;
                    product.B = left.A * right.B + left.B * right.D;
                    product.C = left.C * right.A + left.D * right.C;
                    product.D = left.C * right.B + left.D * right.D;
                }

                public static bool TryInvert(ref Matrix2 m)
                {
                    double det = m.A * m.D - m.B * m.C;
                    if (det == 0) return false;
                    double inv = 1 / det;
                    (m.A, m.D) = (m.D * inv, m.A * inv);
                    m.B = -m.B * inv;
                    m.C = -m.C * inv;
                    return true;
                }

                public static void Scale(ref double value, double factor) => value *= factor;

                public static double Trace(ref readonly Matrix2 source) => source.A + source.D;
            }
            """,

        ["parameters-params-array"] = """
            using System;

            namespace Logging;

            public static class LogFormat
            {
                public static string Join(string separator, params string[] parts) => string.Join(separator, parts);

                public static int Sum(params int[] values)
                {
                    int total = 0;
                    foreach (int v in values)
                        total += v;
                    return total;
                }

                public static string Demo()
                {
                    string all = Join(", ", "a", "b", "c");
                    string none = Join(", ");
                    int three = Sum(1, 2, 3);
                    int zero = Sum();
                    int[] explicitArray = { 4, 5 };
                    int fromArray = Sum(explicitArray);
                    return all + none + (three + zero + fromArray);
                }
            }
            """,

        ["parameters-params-span"] = """
            using System;

            namespace Metrics;

            public static class SampleMath
            {
                public static double Average(params ReadOnlySpan<double> samples)
                {
                    if (samples.IsEmpty) return 0;
                    double sum = 0;
                    foreach (double sample in samples)
                        sum += sample;
                    return sum / samples.Length;
                }

                public static double Report(double a, double b)
                {
                    double two = Average(a, b);
                    double none = Average();
                    double consts = Average(1.5, 2.5, 3.5);
                    return two + none + consts;
                }
            }
            """,

        ["parameters-primary-ctor-captured"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Orders;

            public interface IOrderRepository
            {
                IEnumerable<(int Id, decimal Amount)> ForCustomer(int customerId);
            }

            public class OrderService(IOrderRepository repository, Action<string> log)
            {
                public decimal Total(int customer)
                {
                    log("total for " + customer);
                    return repository.ForCustomer(customer).Sum(o => o.Amount);
                }

                public int Count(int buyer) => repository.ForCustomer(buyer).Count();
            }
            """,

        ["parameters-primary-ctor-initializer-only"] = """
            using System;

            namespace RateLimiting;

            public class Throttle(int maxPerSecond, string name)
            {
                private readonly int _limit = maxPerSecond;
                private int _used;

                public string Name { get; } = name.ToUpperInvariant();

                public bool TryAcquire()
                {
                    if (_used >= _limit) return false;
                    _used++;
                    return true;
                }
            }

            public struct Temperature(double celsius)
            {
                public double Fahrenheit => celsius * 9 / 5 + 32;

                public bool IsFreezing() => celsius <= 0;
            }
            """,

        ["parameters-record-positional"] = """
            using System;

            namespace Finance;

            public record Money(decimal Amount, string Currency)
            {
                public Money Add(Money other)
                {
                    if (other.Currency != Currency)
                        throw new InvalidOperationException("currency mismatch");
                    return this with { Amount = Amount + other.Amount };
                }
            }

            public readonly record struct Coordinate(double Lat, double Lon)
            {
                public double DistanceTo(Coordinate there)
                {
                    double dLat = Lat - there.Lat;
                    double dLon = Lon - there.Lon;
                    return Math.Sqrt(dLat * dLat + dLon * dLon);
                }
            }

            public static class Ledger
            {
                public static Money Sum(Money first, Money second)
                {
                    var total = first.Add(second);
                    var (amount, currency) = total;
                    return new Money(amount, currency);
                }
            }
            """,

        ["parameters-struct-this"] = """
            using System;

            namespace Graphics;

            public struct Vector3
            {
                public float X, Y, Z;

                public Vector3(float x, float y, float z) { X = x; Y = y; Z = z; }

                public readonly float Length() => MathF.Sqrt(X * X + Y * Y + Z * Z);

                public void Normalize()
                {
                    float len = Length();
                    X /= len;
                    Y /= len;
                    Z /= len;
                }

                public readonly Vector3 Scaled(float k) => new Vector3(X * k, Y * k, Z * k);

                public readonly Func<float> LengthGetter()
                {
                    Vector3 copy = this;
                    return () => copy.Length();
                }

                public static Vector3 operator +(Vector3 u, Vector3 w) => new Vector3(u.X + w.X, u.Y + w.Y, u.Z + w.Z);
            }
            """,

        ["parameters-captured-in-constructor"] = """
            using System;
            using System.Collections.Generic;

            namespace Ui;

            public class Button
            {
                private readonly List<Action> _clickHandlers = new();

                public Button(string caption, int maxClicks)
                {
                    int clicked = 0;
                    _clickHandlers.Add(() =>
                    {
                        if (++clicked <= maxClicks)
                            Console.WriteLine(caption + " clicked");
                    });
                    Caption = caption;
                }

                public string Caption { get; }

                public void Click()
                {
                    foreach (var handler in _clickHandlers)
                        handler();
                }
            }
            """,

        ["fields-static-non-default-initializers"] = """
            using System;
            using System.Collections.Generic;

            namespace Hosting;

            public static class AppDefaults
            {
                public static int MaxConnections = 100;
                public static string EnvironmentName = "production";
                public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
                public static double Ratio = 1.5;
                public static bool Enabled = true;
                public static readonly object Sync = new object();
                public static readonly List<string> Hosts = new List<string> { "alpha", "beta" };
                public static readonly Guid InstanceId = Guid.NewGuid();
                private static long _startTicks = DateTime.UtcNow.Ticks;
                public static char Separator = ';';

                public static long Uptime() => DateTime.UtcNow.Ticks - _startTicks;

                public static string Describe()
                {
                    lock (Sync)
                    {
                        return EnvironmentName + Separator + MaxConnections;
                    }
                }
            }
            """,

        ["fields-static-default-initializers"] = """
            using System;

            namespace Pooling;

            public class ConnectionPool
            {
                private static int _created = 0;
                private static object _lastError = null;
                private static bool _draining = false;
                private static DateTime _lastReset = default;
                private static long _bytes = 0L;
                private static double _load = 0.0;
                private static decimal _cost = 0m;
                private static string _name = default(string);

                public static void Record(Exception error, long size)
                {
                    _created++;
                    _lastError = error;
                    _bytes += size;
                    _load = _bytes / 1024.0;
                    _cost += 0.01m;
                    _name ??= "pool";
                    if (_draining) _lastReset = DateTime.UtcNow;
                }

                public static string Status() => $"{_name} {_created} {_lastError} {_lastReset.Ticks} {_load} {_cost}";
            }
            """,

        ["fields-static-without-initializer-and-cctor"] = """
            using System;
            using System.Collections.Generic;

            namespace Features;

            public static class FeatureFlags
            {
                private static readonly Dictionary<string, bool> Flags;
                public static int ReloadCount;
                public static string Source;
                public static readonly bool Verbose;
                private static readonly int Seed;
                private static object _override;

                static FeatureFlags()
                {
                    Flags = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
                    Flags["beta"] = false;
                    Verbose = Environment.GetEnvironmentVariable("VERBOSE") == "1";
                    Source = "defaults";
                    Seed = 0;
                }

                public static bool IsOn(string flag) => _override is bool forced ? forced : Flags.TryGetValue(flag, out var on) && on;

                public static void Reload(object value)
                {
                    ReloadCount++;
                    _override = value;
                    Console.WriteLine(Seed);
                }
            }
            """,

        ["fields-static-readonly-arrays"] = """
            using System;

            namespace Dates;

            public static class CalendarInfo
            {
                private static readonly int[] DaysInMonth = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
                private static readonly string[] MonthNames = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
                public static readonly byte[] Signature = new byte[] { 0x4D, 0x5A };
                private static readonly int[] NoDays = new int[0];
                private static readonly int[] Primes = [2, 3, 5, 7];
                private static readonly double[,] Weights = { { 0.5, 0.5 }, { 0.25, 0.75 } };
                private static readonly int[][] Quarters = { new[] { 1, 2, 3 }, new[] { 4, 5, 6 } };

                public static string Describe(int month)
                {
                    string name = MonthNames[month - 1];
                    int days = DaysInMonth[month - 1];
                    return name + ":" + days;
                }

                public static int Checksum() => Signature[0] + NoDays.Length + Primes[1] + (int)Weights[1, 1] + Quarters[0][0];
            }
            """,

        ["fields-thread-static"] = """
            using System;
            using System.Text;
            using System.Threading;

            namespace Tracing;

            public static class RequestContext
            {
                [ThreadStatic] private static string _correlationId;
                [ThreadStatic] private static int _depth;
                [ThreadStatic] private static StringBuilder _scratch;
                private static readonly ThreadLocal<Random> Rng = new ThreadLocal<Random>(() => new Random());
                private static readonly AsyncLocal<string> User = new AsyncLocal<string>();

                public static StringBuilder Scratch => _scratch ??= new StringBuilder();

                public static IDisposable Enter(string correlationId)
                {
                    _correlationId = correlationId;
                    _depth++;
                    User.Value = Thread.CurrentThread.Name;
                    return new Scope();
                }

                public static int Jitter() => Rng.Value.Next(100) + _depth;

                private sealed class Scope : IDisposable
                {
                    public void Dispose()
                    {
                        _depth--;
                        if (_depth == 0) _correlationId = null;
                    }
                }
            }
            """,

        ["fields-const"] = """
            using System;

            namespace Networking;

            public enum HttpVerb { Get, Post, Put = 10 }

            public class HttpLimits
            {
                public const int MaxHeaderSize = 8192;
                public const string DefaultScheme = "https";
                private const double Factor = 1.25;
                public const long MaxBody = MaxHeaderSize * 1024L;
                public const HttpVerb DefaultVerb = HttpVerb.Get;

                public int Compute(int headers)
                {
                    const int overhead = 64;
                    const string prefix = DefaultScheme + "://";
                    int budget = headers * overhead;
                    if (budget > MaxHeaderSize)
                        return -1;
                    return (int)(budget * Factor) + prefix.Length;
                }

                public bool AllowsBody(HttpVerb verb) => verb != DefaultVerb && MaxBody > 0;
            }
            """,

        ["fields-instance-class"] = """
            using System;
            using System.Collections.Generic;

            namespace Commerce;

            public struct Position
            {
                public int Row;
                public int Column;
            }

            public class ShoppingCart
            {
                private int _itemCount = 0;
                private int _maxItems = 5;
                private decimal _total;
                private string _owner = null;
                private readonly List<string> _items = new List<string>();
                private bool _checkedOut = false;
                private Position _lastPosition;
                private readonly DateTime _created = DateTime.UtcNow;

                public bool Add(string sku, decimal price)
                {
                    if (_checkedOut || _itemCount >= _maxItems) return false;
                    _items.Add(sku);
                    _itemCount++;
                    _total += price;
                    _lastPosition.Row = _itemCount;
                    return true;
                }

                public string Summary() => $"{_owner ?? "guest"}: {_total} since {_created:d}";
            }
            """,

        ["fields-instance-struct"] = """
            using System;

            namespace Buffers;

            public struct RingIndex
            {
                private int _head = 0;
                private int _capacity = 5;
                private int _count;
                private string _tag;

                public RingIndex() { }

                public RingIndex(int capacity, string tag)
                {
                    _capacity = capacity;
                    _tag = tag;
                }

                public int Next()
                {
                    int slot = (_head + _count) % _capacity;
                    if (_count < _capacity) _count++;
                    else _head = (_head + 1) % _capacity;
                    return slot;
                }

                public readonly string Describe() => _tag + "@" + _head;
            }

            public class RingOwner
            {
                private RingIndex _index = new RingIndex(8, "owner");

                public int Advance() => _index.Next();
            }
            """,

        ["fields-fixed-buffers"] = """
            using System;
            using System.Runtime.InteropServices;

            namespace Packets;

            [StructLayout(LayoutKind.Sequential, Pack = 1)]
            public unsafe struct PacketHeader
            {
                public fixed byte Magic[4];
                public ushort Version;
                public fixed char Name[8];
                public int Length;

                public bool HasMagic() => Magic[0] == 0x50 && Magic[1] == 0x4B;
            }

            public static unsafe class PacketReader
            {
                public static PacketHeader Read(ReadOnlySpan<byte> data)
                {
                    PacketHeader header = default;
                    for (int i = 0; i < 4 && i < data.Length; i++)
                    {
                        header.Magic[i] = data[i];
                    }
                    header.Length = data.Length;
                    header.Version = 1;
                    return header;
                }

                public static int SizeOfHeader() => sizeof(PacketHeader);
            }
            """,

        ["fields-auto-properties"] = """
            using System;
            using System.Collections.Generic;

            namespace Accounts;

            public class UserProfile
            {
                public static int Instances { get; private set; }
                public static string DefaultTheme { get; set; } = "light";
                public static bool Locked { get; } = false;
                public static IReadOnlyList<string> Roles { get; } = new[] { "user", "admin" };

                public string Name { get; set; } = "anonymous";
                public int Age { get; init; }
                public List<string> Tags { get; } = new List<string>();
                public DateTime Created { get; } = DateTime.UtcNow;
                public int Score { get; set; } = 0;
                public int Level { get; set; } = 5;

                public UserProfile()
                {
                    Instances++;
                }

                public string Theme => Locked ? "none" : DefaultTheme;
            }
            """,

        ["fields-events"] = """
            using System;
            using System.Collections.Generic;

            namespace Markets;

            public class StockTicker
            {
                public static event Action<string> MarketOpened;
                public event EventHandler<decimal> PriceChanged;
                private event Action Closed;
                private readonly List<EventHandler> _handlers = new();

                public event EventHandler Halted
                {
                    add => _handlers.Add(value);
                    remove => _handlers.Remove(value);
                }

                public void Update(decimal price) => PriceChanged?.Invoke(this, price);

                public static void Open(string market) => MarketOpened?.Invoke(market);

                public void Close()
                {
                    Closed?.Invoke();
                    foreach (var halt in _handlers)
                        halt(this, EventArgs.Empty);
                }

                public void Subscribe(StockTicker other)
                {
                    other.PriceChanged += OnPrice;
                    MarketOpened += Console.WriteLine;
                    Closed += () => Console.WriteLine("closed");
                }

                private void OnPrice(object sender, decimal price) => Update(price);
            }
            """,

        ["fields-static-lambda-initializers"] = """
            using System;
            using System.Collections.Generic;

            namespace Transforms;

            public class Mappers
            {
                public static Func<int, int> Increment = x => x + 1;
                public static readonly Func<string, string> Trim = s => s.Trim();
                private static readonly Comparison<string> ByLength = (a, b) => a.Length.CompareTo(b.Length);
                public static Func<int, int> Twice = static n => n * 2;
                private static readonly Func<int, int> ClampRef = Clamp;
                public Func<int, int> Decrement = y => y - 1;
                private readonly Func<int, int> _scale;

                public Mappers(int factor)
                {
                    _scale = z => z * factor;
                }

                private static int Clamp(int value) => Math.Clamp(value, 0, 100);

                public int Apply(int input) => ClampRef(_scale(Twice(Increment(Decrement(input)))));

                public static void SortNames(List<string> names) => names.Sort(ByLength);
            }
            """,

        ["fields-readonly-span-properties"] = """
            using System;

            namespace Files;

            public static class FileSignatures
            {
                private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47];
                private static ReadOnlySpan<byte> Pdf => "%PDF"u8;
                private static ReadOnlySpan<byte> Gif => new byte[] { 0x47, 0x49, 0x46 };
                private static ReadOnlySpan<int> Sizes => [16, 32, 64];
                private static ReadOnlySpan<char> Hex => "0123456789abcdef";

                public static string Detect(ReadOnlySpan<byte> header)
                {
                    if (header.StartsWith(Png)) return "png";
                    if (header.StartsWith(Pdf)) return "pdf";
                    if (header.StartsWith(Gif)) return "gif";
                    ReadOnlySpan<byte> zip = "PK"u8;
                    return header.StartsWith(zip) ? "zip" : "unknown";
                }

                public static char Nibble(int value) => Hex[value & 0xF];

                public static int IconSize(int index) => Sizes[index % Sizes.Length];
            }
            """,

        ["allocations-objects-and-records"] = """
            using System;
            using System.Collections.Generic;

            namespace Billing;

            public class Invoice
            {
                public Invoice(string customer) => Customer = customer;
                public string Customer { get; }
                public List<LineItem> Lines { get; } = new List<LineItem>();
            }

            public record LineItem(string Product, int Quantity, decimal Price);

            public class InvoiceBuilder
            {
                public Invoice Build(string customer)
                {
                    var invoice = new Invoice(customer);
                    var first = new LineItem("widget", 2, 9.99m);
                    invoice.Lines.Add(first);
                    invoice.Lines.Add(new LineItem("gadget", 1, 24.50m));
                    var copy = first with { Quantity = 3 };
                    invoice.Lines.Add(copy);
                    if (invoice.Lines.Count > 10)
                        throw new InvalidOperationException("too many lines");
                    return invoice;
                }

                public object NewToken() => new object();
            }
            """,

        ["allocations-arrays"] = """
            using System;

            namespace Imaging;

            public class ImageBuffer
            {
                public byte[] Pixels;
                public int[][] Rows;
                public double[,] Kernel;

                public ImageBuffer(int width, int height)
                {
                    Pixels = new byte[width * height];
                    Rows = new int[height][];
                    for (int y = 0; y < height; y++)
                    {
                        Rows[y] = new int[width];
                    }
                    Kernel = new double[3, 3];
                }

                public int Describe()
                {
                    var identity = new double[,] { { 1, 0 }, { 0, 1 } };
                    int[] empty = new int[0];
                    string[] labels = { "r", "g", "b" };
                    var inferred = new[] { 1.0f, 2.0f };
                    int[][] jagged = { new[] { 1 }, new[] { 2, 3 } };
                    Kernel[1, 1] = identity[0, 0];
                    return empty.Length + labels.Length + inferred.Length + jagged[1].Length;
                }
            }
            """,

        ["allocations-anonymous-types"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;

            namespace Export;

            public static class ExportService
            {
                public static string ToJsonLike(IEnumerable<(string Name, int Qty)> rows)
                {
                    var header = new { Version = 1, Generated = DateTime.UtcNow };
                    var projected = rows
                        .Select(row => new { row.Name, Double = row.Qty * 2 })
                        .ToList();
                    var sb = new StringBuilder();
                    sb.Append(header.Version);
                    foreach (var item in projected)
                    {
                        sb.Append(item.Name).Append('=').Append(item.Double).Append(';');
                    }
                    var empty = new { };
                    return sb.ToString() + empty.GetHashCode();
                }
            }
            """,

        ["allocations-delegates-method-groups"] = """
            using System;
            using System.Collections.Generic;

            namespace Messaging;

            public class EventBus
            {
                private readonly List<Action<string>> _subscribers = new();
                private int _received;

                public void Wire()
                {
                    Action<string> staticHandler = LogToConsole;
                    Action<string> instanceHandler = Record;
                    Func<string, int> parse = int.Parse;
                    _subscribers.Add(staticHandler);
                    _subscribers.Add(instanceHandler);
                    _subscribers.Add(Record);
                    _subscribers.Add(LogToConsole);
                    _subscribers.Add(new Action<string>(Record));
                    Console.WriteLine(parse("42"));
                }

                public void Publish(string message)
                {
                    _subscribers.ForEach(sub => sub(message));
                }

                private static void LogToConsole(string message) => Console.WriteLine(message);

                private void Record(string message) => _received += message.Length;
            }
            """,

        ["collections-arrays-and-lists"] = """
            using System;
            using System.Collections.Generic;

            namespace Music;

            public class Playlist
            {
                public int[] Ratings()
                {
                    int[] stars = [5, 4, 3];
                    return stars;
                }

                public List<string> Defaults()
                {
                    List<string> songs = ["intro", "main", "outro"];
                    return songs;
                }

                public int[] None()
                {
                    int[] empty = [];
                    return empty;
                }

                public List<int> Merge(int[] a)
                {
                    List<int> merged = [1, 2, 3];
                    merged.AddRange(a);
                    List<int> spread = [.. a, .. merged, 0];
                    return spread;
                }

                public IReadOnlyList<string> Tags(string extra)
                {
                    IReadOnlyList<string> tags = ["pop", extra];
                    return tags;
                }
            }
            """,

        ["collections-spans-and-enumerables"] = """
            using System;
            using System.Collections.Generic;

            namespace Signal;

            public static class Kernels
            {
                public static int WeightedSum(int a, int b, int c)
                {
                    Span<int> values = [a, b, c];
                    ReadOnlySpan<int> weights = [1, 2, 1];
                    ReadOnlySpan<byte> header = [0xCA, 0xFE];
                    Span<int> constants = [7, 8, 9];
                    int total = 0;
                    for (int i = 0; i < values.Length; i++)
                        total += values[i] * weights[i];
                    return total + header[0] + constants[0];
                }

                public static IEnumerable<int> Window(int center)
                {
                    IEnumerable<int> around = [center - 1, center, center + 1];
                    return around;
                }

                public static ICollection<int> Empty()
                {
                    ICollection<int> nothing = [];
                    IEnumerable<string> none = [];
                    return nothing.Count == 0 && none != null ? nothing : null;
                }
            }
            """,

        ["boxing-object-and-interfaces"] = """
            using System;
            using System.Collections;

            namespace Climate;

            public struct Celsius : IComparable<Celsius>, IFormattable
            {
                public double Value;

                public int CompareTo(Celsius other) => Value.CompareTo(other.Value);

                public string ToString(string format, IFormatProvider provider) => Value.ToString(format, provider) + "C";
            }

            public static class Thermostat
            {
                public static string Report(Celsius reading, int count)
                {
                    object boxedCount = count;
                    IFormattable formattable = reading;
                    IComparable<Celsius> comparable = reading;
                    object[] row = { count, reading };
                    int unboxed = (int)boxedCount;
                    var list = new ArrayList();
                    list.Add(count);
                    return formattable.ToString("F1", null) + comparable.CompareTo(default) + row.Length + unboxed;
                }

                public static int Compare<T>(T left, T right) where T : IComparable<T> => left.CompareTo(right);

                public static int Warmer(Celsius x, Celsius y) => Compare(x, y);
            }
            """,

        ["boxing-format-and-console"] = """
            using System;

            namespace Diagnostics;

            public static class StatusPrinter
            {
                public static string Dump(int id, double load, string host)
                {
                    string line = string.Format("{0} on {1}: {2:F2}", id, host, load);
                    Console.WriteLine("{0} {1}", id, load);
                    Console.WriteLine(line);
                    Console.WriteLine(id);
                    string four = string.Format("{0}{1}{2}{3}", id, load, host, id + 1);
                    Console.WriteLine(four);
                    object[] args = { id, host };
                    return string.Format("{0}@{1}", args);
                }

                public static void Progress(int done, int total)
                {
                    Console.Write("\r{0}/{1}", done, total);
                    Console.Error.WriteLine("progress {0}%", done * 100 / total);
                }
            }
            """,

        ["boxing-enums"] = """
            using System;

            namespace Fulfilment;

            [Flags]
            public enum OrderStatus { Pending = 1, Shipped = 2, Delivered = 4 }

            public static class StatusText
            {
                public static string Describe(OrderStatus status)
                {
                    Enum asEnum = status;
                    object asObject = OrderStatus.Shipped;
                    string name = status.ToString();
                    bool hasFlag = asEnum.HasFlag(OrderStatus.Pending);
                    bool direct = status.HasFlag(OrderStatus.Delivered);
                    int code = (int)status;
                    return $"{name} {code} {hasFlag} {direct} {asObject}";
                }

                public static bool IsFinal(object boxed) => boxed is OrderStatus.Delivered;

                public static OrderStatus Parse(string text) => Enum.Parse<OrderStatus>(text);
            }
            """,

        ["boxing-struct-object-methods"] = """
            using System;
            using System.Collections.Generic;

            namespace Imaging;

            public struct Pixel
            {
                public byte R, G, B;
            }

            public struct Rgb
            {
                public byte R, G, B;
                public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
                public override int GetHashCode() => (R << 16) | (G << 8) | B;
                public override bool Equals(object obj) => obj is Rgb other && other.R == R && other.G == G && other.B == B;
            }

            public static class PixelInspector
            {
                public static string Inspect(Pixel p, Rgb q)
                {
                    Type kind = p.GetType();
                    string text = p.ToString();
                    int hash = p.GetHashCode();
                    bool same = p.Equals(q);
                    string overridden = q.ToString();
                    int rgbHash = q.GetHashCode();
                    bool rgbSame = q.Equals(q);
                    var seen = new HashSet<Pixel> { p };
                    return $"{kind.Name} {text} {hash} {same} {overridden} {rgbHash} {rgbSame} {seen.Count}";
                }
            }
            """,

        ["strings-concat-and-interpolation"] = """
            using System;
            using System.Text;

            namespace Greetings;

            public class Greeter
            {
                public string Greet(string name, int visits, double balance)
                {
                    string hello = "Hello, " + name;
                    string count = "visits: " + visits;
                    string money = $"balance {balance:F2}";
                    string both = $"{name} has {visits} visits";
                    string letter = "x" + 'y';
                    string everything = hello + count + money + both + letter;
                    return everything;
                }

                public string Banner(int width, char fill)
                {
                    string line = new string(fill, width);
                    var sb = new StringBuilder(width * 3);
                    sb.AppendLine(line);
                    sb.Append($"{"WELCOME",10}").AppendLine();
                    sb.AppendLine(line);
                    return sb.ToString();
                }

                public static string Path(string dir, string file) => string.Concat(dir, "/", file);
            }
            """,

        ["strings-formattable"] = """
            using System;
            using System.Globalization;

            namespace Data;

            public static class SqlBuilder
            {
                public static FormattableString Query(int id, string table)
                {
                    FormattableString sql = $"SELECT * FROM {table} WHERE id = {id}";
                    return sql;
                }

                public static string Invariant(double value, DateTime when)
                {
                    string text = FormattableString.Invariant($"{value} at {when}");
                    IFormattable fmt = $"{value:N2}";
                    string local = fmt.ToString(null, CultureInfo.InvariantCulture);
                    return text + local;
                }

                public static string Culture(decimal price) => string.Create(CultureInfo.InvariantCulture, $"price={price}");
            }
            """,

        ["linq-where-select-lambdas"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace People;

            public record Employee(string Name, string Department, int Years, double Salary, bool Active);

            public class EmployeeDirectory
            {
                private readonly List<Employee> _staff = new();

                public List<string> Seniors(int minYears)
                {
                    return _staff
                        .Where(emp => emp.Years >= minYears)
                        .Select(senior => senior.Name)
                        .ToList();
                }

                public double AverageSalary(string dept) =>
                    _staff.Where(e => e.Department == dept).Average(x => x.Salary);

                public int CountActive() => _staff.Count(p => p.Active);

                public bool AnyIn(IEnumerable<string> departments)
                {
                    var wanted = departments.ToHashSet();
                    return _staff.Any(member => wanted.Contains(member.Department));
                }
            }
            """,

        ["linq-grouping-report"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;

            namespace Reporting;

            public record Sale(string Region, DateTime Date, decimal Amount);

            public static class SalesReport
            {
                public static string Build(IEnumerable<Sale> sales, int year)
                {
                    var byRegion = sales
                        .Where(s => s.Date.Year == year)
                        .GroupBy(sale => sale.Region)
                        .Select(g => new { Region = g.Key, Total = g.Sum(x => x.Amount) })
                        .OrderByDescending(r => r.Total)
                        .ToList();
                    var sb = new StringBuilder();
                    foreach (var row in byRegion)
                    {
                        sb.AppendLine(row.Region + ": " + row.Total);
                    }
                    decimal grand = byRegion.Sum(t => t.Total);
                    sb.AppendLine("total: " + grand);
                    return sb.ToString();
                }
            }
            """,

        ["enumerators-foreach-kinds"] = """
            using System;
            using System.Collections.Generic;

            namespace Totals;

            public static class Summation
            {
                public static int SumAll(IEnumerable<int> numbers)
                {
                    int sum = 0;
                    foreach (var n in numbers)
                        sum += n;
                    return sum;
                }

                public static int SumList(List<int> list)
                {
                    int acc = 0;
                    foreach (var item in list)
                        acc += item;
                    return acc;
                }

                public static int SumArray(int[] values)
                {
                    int running = 0;
                    foreach (int value in values)
                        running += value;
                    return running;
                }

                public static int SumKeys(IDictionary<int, string> map)
                {
                    int keys = 0;
                    foreach (var pair in map)
                        keys += pair.Key;
                    return keys;
                }
            }
            """,

        ["mixed-lru-cache"] = """
            using System;
            using System.Collections.Generic;
            using System.Threading;

            namespace Caching;

            public sealed class LruCache<TKey, TValue>
            {
                private static int s_instances = 0;
                private readonly int _capacity;
                private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = new();
                private readonly LinkedList<(TKey Key, TValue Value)> _order = new();
                private readonly Lock _gate = new();

                public LruCache(int capacity) { _capacity = capacity; s_instances++; }

                public TValue GetOrCreate(TKey key, Func<TKey, TValue> create)
                {
                    lock (_gate)
                    {
                        if (_map.TryGetValue(key, out var node))
                        {
                            _order.Remove(node);
                            _order.AddFirst(node);
                            return node.Value.Value;
                        }
                        TValue value = create(key);
                        _map[key] = _order.AddFirst((key, value));
                        if (_map.Count > _capacity)
                        {
                            var oldest = _order.Last;
                            _order.RemoveLast();
                            _map.Remove(oldest.Value.Key);
                        }
                        return value;
                    }
                }
            }
            """,

        ["mixed-tokenizer"] = """
            using System;
            using System.Collections.Generic;

            namespace Lexing;

            public enum TokenKind { Number, Identifier, Symbol }

            public readonly record struct Token(TokenKind Kind, int Start, int Length);

            public static class Tokenizer
            {
                public static List<Token> Tokenize(string source)
                {
                    var tokens = new List<Token>();
                    ReadOnlySpan<char> text = source;
                    int pos = 0;
                    while (pos < text.Length)
                    {
                        char ch = text[pos];
                        if (char.IsWhiteSpace(ch)) { pos++; continue; }
                        int begin = pos;
                        TokenKind kind = ch switch
                        {
                            >= '0' and <= '9' => TokenKind.Number,
                            _ when char.IsLetter(ch) => TokenKind.Identifier,
                            _ => TokenKind.Symbol,
                        };
                        pos++;
                        while (pos < text.Length && kind != TokenKind.Symbol && char.IsLetterOrDigit(text[pos]))
                            pos++;
                        tokens.Add(new Token(kind, begin, pos - begin));
                    }
                    return tokens;
                }
            }
            """,

        ["mixed-vector-struct"] = """
            using System;

            namespace Physics;

            public readonly struct Vec2 : IEquatable<Vec2>
            {
                public static readonly Vec2 Zero = new Vec2(0, 0);
                public static readonly Vec2 UnitX = new Vec2(1, 0);

                public readonly double X;
                public readonly double Y;

                public Vec2(double x, double y) { X = x; Y = y; }

                public double Length => Math.Sqrt(X * X + Y * Y);

                public static Vec2 operator +(Vec2 a, Vec2 b) => new Vec2(a.X + b.X, a.Y + b.Y);

                public static Vec2 operator *(Vec2 v, double s) => new Vec2(v.X * s, v.Y * s);

                public bool Equals(Vec2 other) => X == other.X && Y == other.Y;

                public override bool Equals(object obj) => obj is Vec2 v2 && Equals(v2);

                public override int GetHashCode() => HashCode.Combine(X, Y);

                public override string ToString() => $"({X}, {Y})";
            }

            public static class Integrator
            {
                public static Vec2 Step(Vec2 position, Vec2 velocity, double dt)
                {
                    Vec2 delta = velocity * dt;
                    Vec2 next = position + delta;
                    object boxed = next;
                    return boxed.Equals(Vec2.Zero) ? Vec2.UnitX : next;
                }
            }
            """,

        ["mixed-json-writer"] = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Text;

            namespace Serialization;

            public sealed class TinyJsonWriter
            {
                private readonly StringBuilder _out = new StringBuilder(256);
                private int _depth;

                public TinyJsonWriter WriteObject(IDictionary<string, object> values)
                {
                    _depth++;
                    _out.Append('{');
                    bool firstEntry = true;
                    foreach (var (name, raw) in values)
                    {
                        if (!firstEntry) _out.Append(',');
                        firstEntry = false;
                        _out.Append('"').Append(name).Append("\":");
                        string literal = raw switch
                        {
                            null => "null",
                            bool b => b ? "true" : "false",
                            int i => i.ToString(CultureInfo.InvariantCulture),
                            double d => d.ToString("R", CultureInfo.InvariantCulture),
                            _ => "\"" + raw + "\"",
                        };
                        _out.Append(literal);
                    }
                    _out.Append('}');
                    _depth--;
                    return this;
                }

                public override string ToString() => _out.ToString();
            }
            """,

        ["mixed-object-pool"] = """
            using System;
            using System.Collections.Concurrent;
            using System.Text;

            namespace Pools;

            public sealed class BuilderPool
            {
                public static readonly BuilderPool Shared = new BuilderPool(16);
                private static readonly Func<StringBuilder> Factory = () => new StringBuilder(128);

                private readonly ConcurrentBag<StringBuilder> _items = new ConcurrentBag<StringBuilder>();
                private readonly int _max;
                private int _rented;

                private BuilderPool(int max) => _max = max;

                public StringBuilder Rent()
                {
                    _rented++;
                    return _items.TryTake(out var pooled) ? pooled : Factory();
                }

                public string ReturnAndGet(StringBuilder sb)
                {
                    string result = sb.ToString();
                    sb.Clear();
                    if (_items.Count < _max)
                        _items.Add(sb);
                    return result;
                }
            }
            """,
        ["strings-compound-append-in-loops"] = """
            using System;
            using System.Collections.Generic;

            namespace Reports;

            public struct Cell { public int Row; public int Column; }

            public static class CsvLine
            {
                public static string Join(List<int> values, Cell origin, DayOfWeek day)
                {
                    string line = "";
                    foreach (var value in values)
                        line += value;
                    for (int index = 0; index < 2; index++)
                        line += origin;
                    line += day;
                    line += 'x';
                    return line + values.Count + origin.Row + "," + origin.Column + ";";
                }
            }
            """,
        ["boxing-non-virtual-struct-calls"] = """
            using System;

            namespace Geometry;

            public struct Size { public int Width; public int Height; }

            public enum Unit { Pixel, Point }

            public static class SizeInfo
            {
                public static string Describe(Size size, Unit unit)
                {
                    Type kind = size.GetType();
                    bool isPoint = unit.HasFlag(Unit.Point);
                    int hash = size.GetHashCode();
                    string text = unit.ToString();
                    return kind.Name + isPoint + hash + text;
                }
            }
            """,
    };
}
