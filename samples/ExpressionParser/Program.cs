using System.Globalization;
using ExpressionParser;

Console.WriteLine("flat    " + Workload.EvaluateFlat().ToString("0.###", CultureInfo.InvariantCulture));
Console.WriteLine($"nested  {Workload.EvaluateNested().ToString("0.###", CultureInfo.InvariantCulture)} ({Workload.Depth} levels of parentheses)");
