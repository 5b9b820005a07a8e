namespace StorageAnalyzers.Benchmarks;

/// <summary>Command line: <c>[--quick] [--rounds N] [--files N] [--documents N] [--only CORPUS] [--no-peers] [--verbose]</c>.</summary>
internal sealed record BenchOptions(bool Quick, int Rounds, int GeneratedFiles, int Documents, string? Only, bool NoPeers, bool Verbose)
{
    public static BenchOptions? Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        var options = new BenchOptions(quick, Rounds: quick ? 1 : 3, GeneratedFiles: quick ? 200 : 1000, Documents: quick ? 5 : 10,
            Only: null, NoPeers: false, Verbose: args.Contains("--verbose"));
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick" or "--verbose":
                    break;
                case "--no-peers":
                    options = options with { NoPeers = true };
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var rounds) && rounds > 0:
                    options = options with { Rounds = rounds };
                    i++;
                    break;
                case "--files" when i + 1 < args.Length && int.TryParse(args[i + 1], out var files) && files > 1:
                    options = options with { GeneratedFiles = files };
                    i++;
                    break;
                case "--documents" when i + 1 < args.Length && int.TryParse(args[i + 1], out var documents) && documents > 0:
                    options = options with { Documents = documents };
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    options = options with { Only = args[++i] };
                    break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'. Usage: [--quick] [--rounds N] [--files N] [--documents N] [--only src|generated|polyfill] [--no-peers] [--verbose]");
                    return null;
            }
        }
        return options;
    }
}
