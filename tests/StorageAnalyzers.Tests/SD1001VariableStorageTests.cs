using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD1001VariableStorageAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD1001VariableStorageTests
{
    private static DiagnosticResult At(int marker, string name, string storage, string size, string reason) =>
        Verify.Diagnostic(SD1001VariableStorageAnalyzer.Rule).WithLocation(marker).WithArguments(name, storage, size, reason);

    [Fact]
    public async Task Stackalloc_local_reports_the_buffer_size()
    {
        const string source = """
            using System;
            class Parser
            {
                int Sum()
                {
                    Span<int> {|#0:buffer|} = stackalloc int[64];
                    return buffer.Length;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "buffer", "automatic storage (stack)", "256 bytes", "stackalloc of 64 x int"));
    }

    [Fact]
    public async Task Statics_are_data_bss_thread_local_or_constant()
    {
        const string source = """
            using System;
            class Settings
            {
                const int {|#0:Max|} = 10;
                static int {|#1:Retries|} = 3;
                static int {|#2:Count|} = 0;
                static object {|#3:Cache|};
                [ThreadStatic] static int {|#4:Depth|};
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "Max", "no storage (constant)", "0 bytes", "const: the value lives in metadata and is inlined at every use"),
            At(1, "Retries", "static storage (data)", "4 bytes", "static field set to a non-default value by the type initializer"),
            At(2, "Count", "static storage (BSS)", "4 bytes", "static field initialised to its default value: zero-initialised"),
            At(3, "Cache", "static storage (BSS)", "8 bytes", "static field without initializer: zero-initialised"),
            At(4, "Depth", "thread-local storage", "4 bytes", "[ThreadStatic]: one copy per thread"));
    }

    [Fact]
    public async Task Lambda_capture_moves_a_local_to_the_heap_but_a_local_function_keeps_it_on_the_stack()
    {
        const string source = """
            using System;
            class Counter
            {
                Action Run()
                {
                    int {|#0:total|} = 0;
                    return () => total++;
                }

                int Step()
                {
                    int {|#1:step|} = 2;
                    return Next();
                    int Next() => step;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "total", "dynamic storage (heap)", "4 bytes", "captured by the lambda at line 7: lives in a heap display class"),
            At(1, "step", "automatic storage (stack)", "4 bytes", "captured only by local function Next: a struct closure in the stack frame"));
    }

    [Fact]
    public async Task A_local_function_shares_the_heap_display_class_of_its_scope_when_a_lambda_captures_there()
    {
        // Roslyn gives each scope one environment; a lambda capturing in that scope makes it a class for everyone.
        const string source = """
            using System;
            class Counter
            {
                int Run()
                {
                    int {|#0:total|} = 0;
                    Action {|#1:add|} = () => total++;
                    int {|#2:step|} = 2;
                    add();
                    return Next() + total;
                    int Next() => step;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "total", "dynamic storage (heap)", "4 bytes", "captured by the lambda at line 7: lives in a heap display class"),
            At(1, "add", "automatic storage (stack)", "8 bytes", "reference-type local: the reference is in the stack frame"),
            At(2, "step", "dynamic storage (heap)", "4 bytes", "captured by local function Next in a scope where a lambda also captures: lives in a heap display class"));
    }

    [Fact]
    public async Task Async_locals_are_hoisted_only_when_live_across_an_await_in_release()
    {
        const string source = """
            using System.Threading.Tasks;
            class Downloader
            {
                async Task<int> FetchAsync()
                {
                    int {|#0:before|} = 1;
                    await Task.Yield();
                    int {|#1:after|} = 2;
                    return before + after;
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "before", "dynamic storage (heap)", "4 bytes", "live across an await: hoisted into the async state machine (boxed on the heap when the method first suspends)"),
            At(1, "after", "automatic storage (stack)", "4 bytes", "value-type local in the stack frame"));
    }

    [Fact]
    public async Task Async_locals_are_all_hoisted_in_debug()
    {
        const string source = """
            using System.Threading.Tasks;
            class Downloader
            {
                async Task<int> FetchAsync()
                {
                    await Task.Yield();
                    int {|#0:after|} = 2;
                    return after;
                }
            }
            """;
        await Verify.VerifyAsync(source, globalConfig: null, OptimizationLevel.Debug,
            At(0, "after", "dynamic storage (heap)", "4 bytes", "Debug build: every local of an async method is hoisted into the async state machine (boxed on the heap when the method first suspends)"));
    }

    [Fact]
    public async Task Pointer_size_4_halves_references()
    {
        const string source = """
            class Node
            {
                Node {|#0:_next|};
            }
            """;
        await Verify.VerifyAsync(source, "storage_analyzers.pointer_size = 4", OptimizationLevel.Release,
            At(0, "_next", "dynamic storage (heap)", "4 bytes", "instance field of class Node: part of each heap object"));
    }

    [Fact]
    public async Task Half_typed_code_reports_what_binds_and_never_throws()
    {
        const string source = """
            class Broken
            {
                void M()
                {
                    int {|#0:x|} = 1;
                    var y = {|CS1525:)|}
                }
            }
            """;
        await Verify.VerifyAsync(source,
            At(0, "x", "automatic storage (stack)", "4 bytes", "value-type local in the stack frame"),
            Verify.Diagnostic(SD1001VariableStorageAnalyzer.Rule).WithSpan(6, 13, 6, 14).WithArguments("y", "automatic storage (stack)", "size known at run time", "local of a type that does not bind yet: in the stack frame"),
            DiagnosticResult.CompilerError("CS1002").WithSpan(6, 18, 6, 18),
            DiagnosticResult.CompilerError("CS1003").WithSpan(6, 17, 6, 18).WithArguments(","));
    }

    [Fact]
    public async Task Generated_code_is_skipped()
    {
        const string source = """
            // <auto-generated/>
            class Generated
            {
                static int Counter = 5;
                void M() { int local = 1; local++; }
            }
            """;
        await Verify.VerifyAsync(source);
    }
}
