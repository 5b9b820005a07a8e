using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3007AsyncStateMachineAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3007AsyncStateMachineTests
{
    private const string Source = """
        using System.Threading.Tasks;
        class Fetcher
        {
            async Task<int> {|#1:Cached|}() => 1;   // never awaits: never boxed in Release
            async Task<int> {|#0:FetchAsync|}(string url)
            {
                int retries = 3;
                await Task.Delay(10);
                int size = url.Length;
                return retries + size;
            }
        }
        """;

    [Fact]
    public async Task Release_boxes_the_state_machine_with_the_locals_live_across_an_await()
    {
        await Verify.VerifyAsync(Source,
            Verify.Diagnostic(SD3007AsyncStateMachineAnalyzer.Descriptor).WithLocation(0).WithArguments("the async state machine", "a size known at run time", "",
                "the async state machine struct is boxed onto the heap the first time the method suspends at an await, with url (8 B), retries (4 B): 12 bytes of hoisted variables"));
    }

    [Fact]
    public async Task Debug_allocates_it_per_call_with_every_local()
    {
        await Verify.VerifyAsync(Source, globalConfig: null, OptimizationLevel.Debug,
            Verify.Diagnostic(SD3007AsyncStateMachineAnalyzer.Descriptor).WithLocation(0).WithArguments("the async state machine", "a size known at run time", "",
                "Debug build: the async state machine is a class allocated at each call, holding url (8 B), retries (4 B), size (4 B): 16 bytes of hoisted variables"),
            Verify.Diagnostic(SD3007AsyncStateMachineAnalyzer.Descriptor).WithLocation(1).WithArguments("the async state machine", "a size known at run time", "",
                "Debug build: the async state machine is a class allocated at each call, holding no hoisted variables"));
    }
}
