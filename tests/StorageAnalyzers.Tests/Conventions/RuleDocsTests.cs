using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StorageAnalyzers.Options;

namespace StorageAnalyzers.Tests.Conventions;

/// <summary>
/// The descriptors are the source of truth; every place that restates them (help links, docs/rules pages, the README
/// rule table, release tracking) is checked against them here, so none can drift.
/// </summary>
public sealed class RuleDocsTests
{
    /// <summary>The page template (docs/rules), in order; other sections may come between.</summary>
    private static readonly string[] RequiredSections = ["Cause", "Rule description", "How to fix violations", "How to suppress violations"];

    public static TheoryData<string> Ids => new(Rules.Descriptors.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_help_link_leads_to_the_rule_page(string id) =>
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", Descriptor(id).HelpLinkUri);

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_page_states_the_title_category_severity_and_code_fix(string id)
    {
        var descriptor = Descriptor(id);
        var page = Page(id);

        Assert.Equal($"# {id}: {descriptor.Title}", page.Split('\n')[0].TrimEnd());
        Assert.Equal(descriptor.Category, TableValue(page, "Category"));
        Assert.StartsWith(Capitalised(descriptor.DefaultSeverity), TableValue(page, "Default severity"), StringComparison.Ordinal);
        Assert.StartsWith(Rules.FixedIds.Contains(id) ? "Yes" : "No", TableValue(page, "Code fix"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_page_follows_the_template(string id)
    {
        var sections = Regex.Matches(Page(id), @"^## (?<name>.+?)\s*$", RegexOptions.Multiline).Select(m => m.Groups["name"].Value).ToList();

        Assert.Equal(RequiredSections, sections.Where(RequiredSections.Contains));
        int options = sections.IndexOf("Options");
        if (RulesWithOptions().Contains(id)) Assert.True(options >= 0, $"docs/rules/{id}.md should have an Options section");
        if (options >= 0)
        {
            Assert.InRange(options, sections.IndexOf("How to fix violations") + 1, sections.IndexOf("How to suppress violations") - 1);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_README_rule_table_has_a_row_with_the_link_and_default_severity(string id)
    {
        var row = $"| [{id}](docs/rules/{id}.md) | {Rules.Word(Descriptor(id).DefaultSeverity)} |";
        Assert.Contains(row, Repository.Read("README.md"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Release_tracking_lists_the_rule_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptor(id);
        var releases = Repository.Read("src/StorageAnalyzers/AnalyzerReleases.Unshipped.md") + Repository.Read("src/StorageAnalyzers/AnalyzerReleases.Shipped.md");
        Assert.Matches(new Regex($@"^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{Capitalised(descriptor.DefaultSeverity)}\s*\|", RegexOptions.Multiline), releases);
    }

    [Fact]
    public void Every_rule_page_belongs_to_a_rule()
    {
        var pages = Directory.GetFiles(Repository.PathOf("docs/rules"), "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(Rules.Descriptors.Select(d => d.Id), pages);
    }

    private static DiagnosticDescriptor Descriptor(string id) => Rules.Descriptors.Single(d => d.Id == id);

    private static string Page(string id)
    {
        var path = $"docs/rules/{id}.md";
        Assert.True(File.Exists(Repository.PathOf(path)), $"{path} should exist");
        return Repository.Read(path).Replace("\r\n", "\n");
    }

    /// <summary>The value of a row of the page's header table: <c>| Category | Stack |</c>.</summary>
    private static string TableValue(string page, string name)
    {
        var match = Regex.Match(page, $@"^\|\s*{name}\s*\|\s*(?<value>.*?)\s*\|\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"the page's table should have a '{name}' row");
        return match.Groups["value"].Value;
    }

    private static string Capitalised(DiagnosticSeverity severity) => severity.ToString();

    /// <summary>Rules that take a per-rule key (<c>SD2001.stackalloc_limit</c>), from every setting the analyzers read.</summary>
    private static HashSet<string> RulesWithOptions() => typeof(Settings).GetFields()
        .Select(f => f.GetValue(null))
        .SelectMany(setting => setting?.GetType().GetProperty(nameof(Setting<int>.RuleIds))?.GetValue(setting) as IReadOnlyList<string> ?? [])
        .ToHashSet(StringComparer.Ordinal);
}
