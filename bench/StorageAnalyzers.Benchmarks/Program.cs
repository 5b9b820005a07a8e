using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StorageAnalyzers.Benchmarks;
using StorageAnalyzers.Benchmarks.Analyzers;
using StorageAnalyzers.Benchmarks.Corpora;
using StorageAnalyzers.Benchmarks.Measurement;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = BenchOptions.Parse(args);
if (options is null) return 2;
var report = new Report(Console.Out);
var total = Stopwatch.StartNew();

report.Header(options);

// Analyzer sets, loaded once.
var loadErrors = new List<string>();
var ours = Configuration.OurAnalyzers();
var everyRuleOn = Configuration.EveryRuleOn(ours);
var net = PeerPackage.Load("Microsoft.CodeAnalysis.NetAnalyzers", loadErrors);
var configurations = new List<Configuration>
{
    new(Configuration.Floor, []),
    new(Configuration.NoOp, [new NoOpAnalyzer()]),
    new(Configuration.Ours, ours, everyRuleOn),
    new(Configuration.OursNoTags, [.. ours.Where(a => !a.SupportedDiagnostics.Any(d => d.Id.StartsWith("SD1", StringComparison.Ordinal)))], everyRuleOn),
    new(Configuration.OursBuild, Configuration.AsBuildRunsThem(ours)),
};
if (!options.NoPeers)
{
    configurations.Add(new(Configuration.Roslynator, PeerPackage.Load("Roslynator.Analyzers", loadErrors)));
    configurations.Add(new(Configuration.Meziantou, PeerPackage.Load("Meziantou.Analyzer", loadErrors)));
    configurations.Add(new(Configuration.NetAnalyzers, net));
    configurations.Add(new(Configuration.NetAndOurs, [.. net, .. ours], everyRuleOn));
}
report.Analyzers(configurations, loadErrors);

// Corpora, parsed once.
var corpora = new List<Corpus>
{
    SourceCorpus.Load(),
    GeneratedCorpus.Create(1),
    GeneratedCorpus.Create(options.GeneratedFiles),
    PolyfillCorpus.Load(),
};
corpora.RemoveAll(c => options.Only is { } only && !c.Name.StartsWith(only, StringComparison.Ordinal));
report.Corpora(corpora);

// Warm-up: JIT every configuration's code paths on the smallest corpora before anything is timed.
foreach (var corpus in corpora.Where(c => c.Name is "generated-1" or "src"))
    foreach (var configuration in configurations)
        BuildRunner.Measure(corpus, configuration);

void Progress(string line)
{
    if (options.Verbose) Console.Error.WriteLine(line);
}

foreach (var corpus in corpora)
{
    // Small corpora take a fraction of a second per measurement: more rounds buy a steadier median.
    var build = BuildRunner.Run(corpus, configurations, corpus.Lines < 50_000 ? options.Rounds * 3 : options.Rounds, Progress);
    report.Build(corpus, build);
    if (corpus.Name == "generated-1") continue;
    var ideConfigurations = configurations.Where(c => c.Name is Configuration.Floor or Configuration.NoOp or Configuration.Ours)
        .Select(c => c.ForDocuments()).ToList();
    var ide = IdeRunner.Run(corpus, ideConfigurations, options.Documents, options.Rounds, Progress);
    report.Ide(corpus, ide);
}

var endToEndCorpus = corpora.FirstOrDefault(c => c.Name.StartsWith("generated-", StringComparison.Ordinal) && c.Name != "generated-1");
if (endToEndCorpus is not null)
{
    var endToEnd = EndToEndRunner.Run(endToEndCorpus, options.Rounds, Progress);
    report.EndToEnd(endToEndCorpus, endToEnd, EndToEndRunner.ProcessStartMs(options.Quick ? 3 : 5));
}

return report.Finish(total.Elapsed);
