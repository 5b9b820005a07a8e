using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace StorageAnalyzers.Tests.Conventions;

/// <summary>What every code fix in the package must do, checked once for all of them.</summary>
public sealed class CodeFixConventionTests
{
    public static TheoryData<string> FixerNames => new(Rules.CodeFixTypes.Select(t => t.Name));

    [Fact]
    public void The_assembly_has_code_fixes() => Assert.NotEmpty(Rules.CodeFixTypes);

    [Theory]
    [MemberData(nameof(FixerNames))]
    public void A_code_fix_is_exported_under_its_type_name_and_fixes_all(string name)
    {
        var type = Rules.CodeFixTypes.Single(t => t.Name == name);
        var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;

        Assert.True(type.IsSealed, $"{name} should be sealed");
        var export = Assert.Single(type.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), inherit: false).Cast<ExportCodeFixProviderAttribute>());
        Assert.Equal(name, export.Name);
        Assert.Equal([LanguageNames.CSharp], export.Languages);
        Assert.NotEmpty(type.GetCustomAttributes(typeof(SharedAttribute), inherit: false));
        Assert.NotNull(fixer.GetFixAllProvider());

        // Named after the rule it fixes, and it fixes only rules that exist.
        Assert.NotEmpty(fixer.FixableDiagnosticIds);
        Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, Rules.Descriptors.Select(d => d.Id)));
        Assert.Matches($"^{fixer.FixableDiagnosticIds[0]}[A-Z][A-Za-z]*Fixer$", name);
    }
}
