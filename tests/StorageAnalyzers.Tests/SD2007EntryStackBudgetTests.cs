using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2007EntryStackBudgetAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2007EntryStackBudgetTests
{
    [Fact]
    public async Task Main_whose_deepest_chain_needs_more_than_the_stack_limit_is_reported()
    {
        const string source = """
            static class Program
            {
                static void {|#0:Main|}() => Render();
                static unsafe void Render()
                {
                    byte* canvas = stackalloc byte[6000];
                    canvas[0] = 1;
                }
            }
            """;
        await Verify.VerifyProgramAsync(source, "storage_analyzers.stack_limit = 4KB",
            Verify.Diagnostic(SD2007EntryStackBudgetAnalyzer.Rule).WithLocation(0).WithArguments(
                "Program.Main", "the main thread", 4096, 6080, "", "Program.Main 32 B -> Program.Render 6048 B"));
        // The same program fits the default 1MB.
        await Verify.VerifyProgramAsync(source, globalConfig: null);
    }

    [Fact]
    public async Task The_rule_key_overrides_the_shared_stack_limit()
    {
        const string source = """
            static class Program
            {
                static unsafe void {|#0:Main|}()
                {
                    byte* canvas = stackalloc byte[6000];
                    canvas[0] = 1;
                }
            }
            """;
        await Verify.VerifyProgramAsync(source, "storage_analyzers.stack_limit = 4KB\nSD2007.stack_limit = 8KB");
        await Verify.VerifyProgramAsync(source, "storage_analyzers.stack_limit = 64KB\nSD2007.stack_limit = 2KB",
            Verify.Diagnostic(SD2007EntryStackBudgetAnalyzer.Rule).WithLocation(0).WithArguments(
                "Program.Main", "the main thread", 2048, 6048, "", "Program.Main 6048 B"));
    }

    [Fact]
    public async Task Threads_without_a_size_are_held_to_the_default_and_sized_threads_are_left_to_SD2006()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            static class Program
            {
                static void Main()
                {
                    {|#0:new Thread(Decode)|}.Start();
                    new Thread(Decode, 4 * 1024 * 1024).Start();
                    {|#1:Task.Run(() => Decode())|}.Wait();
                    new Thread(Small).Start();
                }
                static unsafe void Decode()
                {
                    byte* frame = stackalloc byte[2 * 1024 * 1024];
                    frame[0] = 1;
                }
                static void Small() { }
            }
            """;
        await Verify.VerifyProgramAsync(source, globalConfig: null,
            Verify.Diagnostic(SD2007EntryStackBudgetAnalyzer.Rule).WithLocation(0).WithArguments(
                "Program.Decode", "a thread started without a size (the default stack)", 1572864, 2097200, "", "Program.Decode 2097200 B"),
            Verify.Diagnostic(SD2007EntryStackBudgetAnalyzer.Rule).WithLocation(1).WithArguments(
                "lambda", "a thread-pool thread (the default stack)", 1572864, 2097232, "", "lambda 32 B -> Program.Decode 2097200 B"));
    }

    [Fact]
    public async Task Recursion_from_top_level_statements_is_counted_at_the_simulators_depth_and_named()
    {
        const string source = """
            {|#0:Walk(100);|}

            static unsafe int Walk(int depth)
            {
                byte* scratch = stackalloc byte[200 * 1024];
                return depth == 0 ? scratch[0] : Walk(depth - 1);
            }
            """;
        await Verify.VerifyProgramAsync(source, globalConfig: null,
            Verify.Diagnostic(SD2007EntryStackBudgetAnalyzer.Rule).WithLocation(0).WithArguments(
                "Program.<Main>$", "the main thread", 1048576, 2048512,
                " (recursive through Walk -> Walk: counted 10 rounds, each further round adds more)",
                "Program.<Main>$ 32 B -> Walk 2048480 B"));
    }
}
