using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD2003StackallocInLoopAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD2003HoistStackallocFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD2003HoistStackallocFixerTests
{
    private const string Key = SD2003HoistStackallocFixer.EquivalenceKey;

    [Fact]
    public async Task Buffer_is_allocated_once_before_the_loop_and_cleared_each_iteration()
    {
        await Verify.VerifyAsync("""
            using System;

            class C
            {
                static int M(int[] input)
                {
                    int total = 0;
                    for (int i = 0; i < input.Length; i++)
                    {
                        // digits of one value
                        Span<byte> digits = [|stackalloc byte[16]|];
                        digits[i % 16] += 1;
                        total += digits[0];
                    }
                    return total;
                }
            }
            """, """
            using System;

            class C
            {
                static int M(int[] input)
                {
                    int total = 0;
                    // digits of one value
                    Span<byte> digits = stackalloc byte[16];
                    for (int i = 0; i < input.Length; i++)
                    {
                        digits.Clear();
                        digits[i % 16] += 1;
                        total += digits[0];
                    }
                    return total;
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Read_only_span_and_SkipLocalsInit_need_no_clear()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Runtime.CompilerServices;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static long Zeros(int[] input)
                {
                    long sum = 0;
                    foreach (var value in input)
                    {
                        ReadOnlySpan<Pair<long>> zeros = [|stackalloc Pair<long>[4]|];
                        sum += zeros[value & 3].A;
                    }
                    return sum;
                }

                [SkipLocalsInit]
                static void Scratch(int n)
                {
                    while (n-- > 0)
                    {
                        Span<char> scratch = [|stackalloc char[32]|];
                        scratch.Fill('x');
                    }
                }
            }
            """, """
            using System;
            using System.Runtime.CompilerServices;

            struct Pair<T> where T : unmanaged { public T A, B; }

            class C
            {
                static long Zeros(int[] input)
                {
                    long sum = 0;
                    ReadOnlySpan<Pair<long>> zeros = stackalloc Pair<long>[4];
                    foreach (var value in input)
                    {
                        sum += zeros[value & 3].A;
                    }
                    return sum;
                }

                [SkipLocalsInit]
                static void Scratch(int n)
                {
                    Span<char> scratch = stackalloc char[32];
                    while (n-- > 0)
                    {
                        scratch.Fill('x');
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Nested_loops_hoist_out_of_the_innermost_loop_first()
    {
        var test = new Verify.Test(Key)
        {
            TestCode = """
                using System;

                class C
                {
                    static void M(int rows, int columns)
                    {
                        for (int r = 0; r < rows; r++)
                        {
                            for (int c = 0; c < columns; c++)
                            {
                                Span<int> cell = [|stackalloc int[8]|];
                                cell[0] = r + c;
                            }
                        }
                    }
                }
                """,
            // Before the inner loop the buffer is still in the outer one: SD2003 stays, and one more fix moves it out.
            FixedCode = """
                using System;

                class C
                {
                    static void M(int rows, int columns)
                    {
                        for (int r = 0; r < rows; r++)
                        {
                            Span<int> cell = [|stackalloc int[8]|];
                            for (int c = 0; c < columns; c++)
                            {
                                cell.Clear();
                                cell[0] = r + c;
                            }
                        }
                    }
                }
                """,
            CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne,
        };
        // The remaining SD2003 is fixable, which the fixed state's markup ignores by default.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    [Fact]
    public async Task Lambdas_and_local_functions_are_their_own_frames()
    {
        // The stackalloc in the lambda declared in the loop is the lambda's (not reported); the loop inside the
        // local function is hoisted within the local function.
        await Verify.VerifyAsync("""
            using System;

            class C
            {
                static void M(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Action once = () =>
                        {
                            Span<int> own = stackalloc int[4];
                            own[0] = 1;
                        };
                        once();
                    }

                    void Local()
                    {
                        do
                        {
                            Span<int> inner = [|stackalloc int[4]|];
                            inner[0] = n;
                        } while (--n > 0);
                    }
                    Local();
                }
            }
            """, """
            using System;

            class C
            {
                static void M(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Action once = () =>
                        {
                            Span<int> own = stackalloc int[4];
                            own[0] = 1;
                        };
                        once();
                    }

                    void Local()
                    {
                        Span<int> inner = stackalloc int[4];
                        do
                        {
                            inner.Clear();
                            inner[0] = n;
                        } while (--n > 0);
                    }
                    Local();
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Run_time_size_pointer_form_reassigned_span_and_loop_constant_are_not_offered()
    {
        const string source = """
            using System;

            class C
            {
                static unsafe void M(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Span<int> sized = [|stackalloc int[i]|];
                        int* p = [|stackalloc int[4]|];
                        Span<int> sliced = [|stackalloc int[4]|];
                        sliced = sliced.Slice(1);
                        const int Size = 4;
                        Span<int> sized2 = [|stackalloc int[Size]|];
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task A_name_that_would_collide_before_the_loop_is_not_offered()
    {
        const string source = """
            using System;

            class C
            {
                static void M(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Span<int> buffer = [|stackalloc int[4]|];
                        buffer[0] = i;
                    }
                    for (int i = 0; i < n; i++)
                    {
                        Span<long> buffer = [|stackalloc long[4]|];
                        buffer[0] = i;
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, source, Key);
    }

    [Fact]
    public async Task Fix_all_in_document_hoists_every_buffer()
    {
        await new Verify.Test(Key)
        {
            TestCode = """
            using System;

            class C
            {
                static void M(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Span<int> a = [|stackalloc int[4]|];
                        Span<byte> b = [|stackalloc byte[8]|];
                        a[0] = b[0];
                    }
                }

                static void N(int n)
                {
                    while (n-- > 0)
                    {
                        Span<char> c = [|stackalloc char[2]|];
                        c[0] = 'c';
                    }
                }
            }
            """,
            FixedCode = """
            using System;

            class C
            {
                static void M(int n)
                {
                    Span<int> a = stackalloc int[4];
                    Span<byte> b = stackalloc byte[8];
                    for (int i = 0; i < n; i++)
                    {
                        a.Clear();
                        b.Clear();
                        a[0] = b[0];
                    }
                }

                static void N(int n)
                {
                    Span<char> c = stackalloc char[2];
                    while (n-- > 0)
                    {
                        c.Clear();
                        c[0] = 'c';
                    }
                }
            }
            """,
            // The batch merge sees the two insertions before the same loop as a conflict and applies one per pass.
            NumberOfFixAllIterations = 2,
        }.RunAsync();
    }
}
