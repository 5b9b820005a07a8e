using Microsoft.CodeAnalysis.Testing;
using StorageAnalyzers.Rules;
using Verify = StorageAnalyzers.Tests.Verifiers.AnalyzerVerifier<StorageAnalyzers.Rules.SD3005StringBuildingAnalyzer>;

namespace StorageAnalyzers.Tests;

public class SD3005StringBuildingTests
{
    [Fact]
    public async Task Concatenation_and_interpolation_build_strings_but_constants_do_not()
    {
        const string source = """
            class Report
            {
                const string Header = "id" + ":";
                string Line(int id, string name)
                {
                    var text = {|#0:Header + id|};
                    for (int i = 0; i < 3; i++) {|#1:text += name|};
                    return {|#2:$"{text}!"|};
                }
            }
            """;
        await Verify.VerifyAsync(source,
            Verify.Diagnostic(SD3005StringBuildingAnalyzer.Descriptor).WithLocation(0).WithArguments("a new string", "a size known at run time", "",
                "string concatenation builds a new string (string.Concat)"),
            Verify.Diagnostic(SD3005StringBuildingAnalyzer.Descriptor).WithLocation(1).WithArguments("a new string", "a size known at run time", ", per loop iteration",
                "+= on a string builds a new string (string.Concat)"),
            Verify.Diagnostic(SD3005StringBuildingAnalyzer.Descriptor).WithLocation(2).WithArguments("a new string", "a size known at run time", "",
                "string interpolation builds a new string"));
    }
}
