using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StorageAnalyzers.Package.Tests.Consumer;

namespace StorageAnalyzers.Package.Tests;

/// <summary>
/// The light bulb a host that loads analyzer packages' fixes (Visual Studio, Rider, VS Code with C# Dev Kit) shows on
/// the sample's SD2001: the packed analyzers report it, and the packed fixers, found by their [ExportCodeFixProvider]
/// attribute as those hosts find them, offer our fixes by title.
/// </summary>
public sealed class PackagedCodeFixTests
{
    [Fact]
    public async Task The_packed_fixers_offer_their_fixes_on_the_samples_SD2001()
    {
        using var packaged = new PackagedAnalyzers();
        var document = SampleDocument("Crc32.cs");

        var analyzers = packaged.References.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        var compilation = (await document.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        var sd2001 = Assert.Single(diagnostics, d => d.Id == "SD2001");
        Assert.Equal(ConsumerSample.Markers().Single(m => m.Id == "SD2001").Line, sd2001.Location.GetLineSpan().StartLinePosition.Line + 1);

        var titles = new List<string>();
        foreach (var fixer in ExportedFixers(packaged).Where(f => f.FixableDiagnosticIds.Contains("SD2001")))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, sd2001, (action, _) => titles.Add(action.Title), CancellationToken.None));
        }

        // The sample has no `using System.Buffers;`, so the title names the type in full.
        Assert.Contains("Rent the buffer from System.Buffers.ArrayPool<byte>.Shared", titles);
        Assert.Contains("Allocate a heap array instead", titles);
    }

    /// <summary>Every C# code fix the package exports, instantiated as a MEF host would.</summary>
    private static IEnumerable<CodeFixProvider> ExportedFixers(PackagedAnalyzers packaged) => packaged.References
        .SelectMany(r => r.GetAssembly().GetTypes())
        .Where(t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>()?.Languages.Contains(LanguageNames.CSharp) == true)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    /// <summary>The global usings the SDK writes for a console project with ImplicitUsings, as the sample has.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>One file of samples/PackageConsumer in a project compiled against the running runtime's assemblies.</summary>
    private static Document SampleDocument(string file)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("PackageConsumer", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(references)
            .AddDocument("GlobalUsings.g.cs", ImplicitUsings).Project;
        var path = Repository.PathOf(Path.Combine(ConsumerSample.Folder, file));
        return project.AddDocument(file, SourceText.From(File.ReadAllText(path)), filePath: path);
    }
}
