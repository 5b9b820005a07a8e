using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD2006ThreadStackBudgetAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD2006ThreadStackBudgetTests
{
    [Fact]
    public async Task A_thread_whose_start_code_needs_more_than_its_max_stack_size_is_reported()
    {
        const string source = """
            using System;
            using System.Threading;
            class Worker
            {
                void Start()
                {
                    var small = {|#0:new Thread(Run, 2048)|};
                    var roomy = new Thread(Run, 1024 * 1024);
                    var byDefault = new Thread(Run);
                    var lambda = {|#1:new Thread(() => Process(), 2048)|};
                    small.Start(); roomy.Start(); byDefault.Start(); lambda.Start();
                }
                static void Run() => Process();
                static unsafe int Process()
                {
                    byte* buffer = stackalloc byte[3000];
                    return buffer[0];
                }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD2006ThreadStackBudgetAnalyzer.Rule).WithLocation(0).WithArguments(
                2048, "Worker.Run", 3088, "", "Worker.Run 32 B -> Worker.Process 3056 B"),
            Verify.Diagnostic(SD2006ThreadStackBudgetAnalyzer.Rule).WithLocation(1).WithArguments(
                2048, "lambda", 3088, "", "lambda 32 B -> Worker.Process 3056 B"));
    }

    [Fact]
    public async Task Recursion_reachable_from_the_thread_is_flagged_in_the_message()
    {
        const string source = """
            using System.Threading;
            class Walker
            {
                void Start() => {|#0:new Thread(() => Visit(3), 1024)|}.Start();
                static unsafe int Visit(int depth)
                {
                    byte* scratch = stackalloc byte[2000];
                    return depth == 0 ? scratch[0] : Visit(depth - 1);
                }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD2006ThreadStackBudgetAnalyzer.Rule).WithLocation(0).WithArguments(
                1024, "lambda", 2080, " (recursive: one level counted, every further level adds more)", "lambda 32 B -> Walker.Visit 2048 B"));
    }
}
