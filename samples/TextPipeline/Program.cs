using TextPipeline;

var summary = Pipeline.Run();
int words = Pipeline.Documents * Pipeline.LinesPerDocument * Pipeline.WordsPerLine;
Console.WriteLine($"{Pipeline.Documents} documents, {words} words");
foreach (var stats in summary.Take(3))
    Console.WriteLine($"document {stats.Seed}: {stats.DistinctWords} distinct words, '{stats.MostFrequent}' x{stats.Occurrences}");
