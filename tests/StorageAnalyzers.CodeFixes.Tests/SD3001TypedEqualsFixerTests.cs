using StorageAnalyzers.CodeFixes.Fixers;
using Verify = StorageAnalyzers.CodeFixes.Tests.Verifiers.CodeFixVerifier<StorageAnalyzers.Rules.SD3001BoxingAnalyzer, StorageAnalyzers.CodeFixes.Fixers.SD3001TypedEqualsFixer>;

namespace StorageAnalyzers.CodeFixes.Tests;

public class SD3001TypedEqualsFixerTests
{
    private const string Key = SD3001TypedEqualsFixer.EquivalenceKey;

    private const string Types = """
        using System;

        enum Color { Red, Green }

        struct Point : IEquatable<Point>
        {
            public int X;
            public bool Equals(Point other) => X == other.X;
            public override bool Equals(object obj) => obj is Point p && Equals(p);
            public override int GetHashCode() => X;
        }

        struct Plain { public int X; }

        """;

    [Fact]
    public async Task Enums_compare_with_equals_equals_and_equatable_structs_call_their_typed_Equals()
    {
        await Verify.VerifyAsync(Types + """
            class C
            {
                static bool A(Color c) => {|SD3001:c.Equals([|Color.Red|])|};
                static bool B(Point p, Point q) => Equals([|p|], [|q|]);
                static bool D(double x, double y) => object.Equals([|x|], [|y|]);
                static bool E(Color a, Color b) => !Equals([|a|], [|b|]);
            }
            """, Types + """
            class C
            {
                static bool A(Color c) => c == Color.Red;
                static bool B(Point p, Point q) => p.Equals(q);
                static bool D(double x, double y) => x.Equals(y);
                static bool E(Color a, Color b) => !(a == b);
            }
            """, Key);
    }

    [Fact]
    public async Task Different_types_nullables_and_structs_without_a_typed_Equals_are_not_offered()
    {
        var source = Types + """
            class C
            {
                static bool A(Color c) => {|SD3001:c.Equals([|1|])|};
                static bool B(int? n, int v) => Equals([|n|], [|v|]);
                static bool D(Plain p, Plain q) => Equals([|p|], [|q|]);
                static bool E(int a, long b) => Equals([|a|], [|b|]);
            }
            """;
        await Verify.VerifyAsync(source, source, Key);
    }
}
