using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StorageAnalyzers.Core.Tests.GroundTruth;

// Checks the IL reader itself on tiny snippets, so classifier tests can trust it.
public class IlGroundTruthTests
{
    [Fact]
    public void NewObjectIsAnObjectAllocationOnItsLine()
    {
        var facts = IlGroundTruth.Compile("""
            class C
            {
                object M() => new object();
            }
            """, OptimizationLevel.Release);

        Assert.Equal(new IlAllocation(3, IlAllocationKind.Object, "System.Object", "M", false), Assert.Single(facts.Allocations));
    }

    [Fact]
    public void ArraysAndBoxingAreAllocationsButStructConstructorsAreNot()
    {
        var facts = IlGroundTruth.Compile("""
            class C
            {
                static object M(int n)
                {
                    var pair = new System.Collections.Generic.KeyValuePair<int, int>(n, n);
                    var array = new long[n];
                    object boxed = pair.Key;
                    return array.Length + boxed.ToString();
                }
            }
            """, OptimizationLevel.Release);

        Assert.Equal(
            [(6, IlAllocationKind.Array, "System.Int64"), (7, IlAllocationKind.Boxing, "System.Int32")],
            facts.Allocations.Select(a => (a.Line, a.Kind, a.TypeName)));
    }

    [Fact]
    public void LambdaCapturingALocalHoistsItIntoADisplayClass()
    {
        var facts = IlGroundTruth.Compile("""
            using System;
            class C
            {
                static Func<int> Main(int n)
                {
                    int count = n;
                    return () => count;
                }
            }
            """, OptimizationLevel.Release);

        Assert.Equal(new HoistedVariable("count", "Main", HoistKind.DisplayClass), Assert.Single(facts.Hoisted));
        Assert.Contains(facts.Allocations, a => a is { Kind: IlAllocationKind.Closure, Line: 6, Method: "Main" });
        Assert.Contains(facts.Allocations, a => a is { Kind: IlAllocationKind.Delegate, Line: 7, Method: "Main", Cached: false });
    }

    [Fact]
    public void NonCapturingLambdaAndStaticMethodGroupAreCachedDelegates()
    {
        var facts = IlGroundTruth.Compile("""
            using System;
            class C
            {
                static Func<int> Lambda() => () => 42;
                static Action Group() => Group2;
                static void Group2() { }
            }
            """, OptimizationLevel.Release);

        Assert.Equal(
            [(4, "Lambda", true), (5, "Group", true)],
            facts.Allocations.Select(a => (a.Line, a.Method, a.Cached)));
        Assert.All(facts.Allocations, a => Assert.Equal(IlAllocationKind.Delegate, a.Kind));
    }

    [Fact]
    public void LocalFunctionNotUsedAsDelegateCapturesIntoAStructClosure()
    {
        var facts = IlGroundTruth.Compile("""
            class C
            {
                static int M(int n)
                {
                    int twice = n * 2;
                    return Local();
                    int Local() => twice + 1;
                }
            }
            """, OptimizationLevel.Release);

        Assert.Equal(new HoistedVariable("twice", "M", HoistKind.StructClosure), Assert.Single(facts.Hoisted));
        Assert.Empty(facts.Allocations);
    }

    [Fact]
    public void StaticInitializersAreReadFromTheStaticConstructor()
    {
        var facts = IlGroundTruth.Compile("""
            namespace N;
            class C
            {
                static int X = 5;
                static int Y = 0;
                static int Z;
                static readonly int[] A = { 1, 2, 3 };
                class Inner { static string S = null; }
            }
            """, OptimizationLevel.Release);

        Assert.Equal(StaticInit.NonDefault, facts.StaticFields["N.C.X"]);
        Assert.Equal(StaticInit.Default, facts.StaticFields["N.C.Y"]);
        Assert.Equal(StaticInit.NotStored, facts.StaticFields["N.C.Z"]);
        Assert.Equal(StaticInit.NonDefault, facts.StaticFields["N.C.A"]);
        // "= 0" is only stored by a .cctor that exists anyway: all-default initializers get no .cctor at all.
        Assert.Equal(StaticInit.NotStored, facts.StaticFields["N.C+Inner.S"]);
        Assert.Equal(new IlAllocation(7, IlAllocationKind.Array, "System.Int32", ".cctor", false), Assert.Single(facts.Allocations));
    }

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void AsyncMethodHoistsIntoAStateMachineThatIsAClassOnlyInDebug(OptimizationLevel level)
    {
        var facts = IlGroundTruth.Compile("""
            using System;
            using System.Threading.Tasks;
            class C
            {
                async Task M(int p)
                {
                    int a = 1;
                    await Task.Yield();
                    Console.WriteLine(a + p);
                }
            }
            """, level);

        Assert.Equal(
            [new HoistedVariable("p", "M", HoistKind.StateMachineParameter), new HoistedVariable("a", "M", HoistKind.StateMachineLocal)],
            facts.Hoisted);
        IlAllocation[] expected = level == OptimizationLevel.Debug
            ? [new IlAllocation(5, IlAllocationKind.StateMachine, "C+<M>d__0", "M", false)]
            : [];
        Assert.Equal(expected, facts.Allocations);
    }

    [Fact]
    public void IteratorAllocatesItsStateMachineOnTheDeclarationLine()
    {
        var facts = IlGroundTruth.Compile("""
            using System.Collections.Generic;
            class C
            {
                static IEnumerable<int> Count(int to)
                {
                    for (int i = 0; i < to; i++)
                        yield return i;
                }
            }
            """, OptimizationLevel.Release);

        Assert.Equal(new IlAllocation(4, IlAllocationKind.Iterator, "C+<Count>d__0", "Count", false), Assert.Single(facts.Allocations));
        Assert.Contains(new HoistedVariable("i", "Count", HoistKind.StateMachineLocal), facts.Hoisted);
        Assert.Contains(new HoistedVariable("to", "Count", HoistKind.StateMachineParameter), facts.Hoisted);
    }

    [Fact]
    public void ReadAcceptsATestBuiltCompilationAndReportsRealLocals()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            class C
            {
                static int M(int n)
                {
                    int kept = n * n;
                    System.Func<int> f = () => { int inner = kept; return inner + inner; };
                    return kept + f();
                }
            }
            """);
        var compilation = CSharpCompilation.Create("T", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Debug));

        var facts = IlGroundTruth.Read(compilation);

        Assert.Same(compilation, facts.Compilation);
        Assert.Equal([new PdbLocal("f", "M"), new PdbLocal("inner", "M")], facts.Locals);
        Assert.Equal(new HoistedVariable("kept", "M", HoistKind.DisplayClass), Assert.Single(facts.Hoisted));
    }

    [Fact]
    public void CompileErrorsThrowWithTheDiagnostics()
    {
        var error = Assert.Throws<InvalidOperationException>(() => IlGroundTruth.Compile("class C { int M() => \"\"; }", OptimizationLevel.Release));
        Assert.Contains("CS0029", error.Message);
    }
}
