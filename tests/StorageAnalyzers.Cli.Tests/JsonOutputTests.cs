using System.Text.Json;

namespace StorageAnalyzers.Cli.Tests;

/// <summary>The <c>--format json</c> contract: field names and types, 1-based positions, relative paths, order.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private const string Snippet = """
        class C
        {
            static int X = 5;
            void M()
            {
                var o = new object();
            }
        }
        """;

    private static readonly Dictionary<string, JsonValueKind[]> VariableFields = new()
    {
        ["file"] = [JsonValueKind.String],
        ["line"] = [JsonValueKind.Number],
        ["column"] = [JsonValueKind.Number],
        ["name"] = [JsonValueKind.String],
        ["kind"] = [JsonValueKind.String],
        ["storage"] = [JsonValueKind.String],
        ["referent"] = [JsonValueKind.String, JsonValueKind.Null],
        ["sizeBytes"] = [JsonValueKind.Number, JsonValueKind.Null],
        ["reason"] = [JsonValueKind.String],
    };

    private static readonly Dictionary<string, JsonValueKind[]> AllocationFields = new()
    {
        ["file"] = [JsonValueKind.String],
        ["line"] = [JsonValueKind.Number],
        ["column"] = [JsonValueKind.Number],
        ["kind"] = [JsonValueKind.String],
        ["storage"] = [JsonValueKind.String],
        ["type"] = [JsonValueKind.String],
        ["sizeBytes"] = [JsonValueKind.Number, JsonValueKind.Null],
        ["inLoop"] = [JsonValueKind.True, JsonValueKind.False],
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private JsonElement ClassifyFolder(params string[] options)
    {
        _folder.Write("A.cs", Snippet);
        _folder.Write("sub/B.cs", "struct P\n{\n    public int Y;\n    public P(int y) { Y = y; }\n}\n");
        _folder.Write("bin/Old.cs", "class Old { int skipped; }");
        return Cli.Run(["classify", _folder.Path, "--format", "json", .. options]).Json();
    }

    private static JsonElement Variable(JsonElement root, string name) =>
        Assert.Single(root.GetProperty("variables").EnumerateArray(), v => v.GetProperty("name").GetString() == name);

    [Fact]
    public void EveryContractFieldIsThereWithItsType()
    {
        var root = ClassifyFolder();

        Assert.Equal(["variables", "allocations"], root.EnumerateObject().Select(p => p.Name));
        AssertShape(root.GetProperty("variables"), VariableFields);
        AssertShape(root.GetProperty("allocations"), AllocationFields);
    }

    private static void AssertShape(JsonElement entries, Dictionary<string, JsonValueKind[]> fields)
    {
        Assert.NotEmpty(entries.EnumerateArray());
        foreach (var entry in entries.EnumerateArray())
        {
            Assert.Equal(fields.Keys, entry.EnumerateObject().Select(p => p.Name));
            foreach (var (name, kinds) in fields)
                Assert.Contains(entry.GetProperty(name).ValueKind, kinds);
        }
    }

    [Fact]
    public void PathsAreRelativeToTheFolderWithSlashesAndSkipBuildOutput()
    {
        var root = ClassifyFolder();

        var files = root.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("file").GetString()).Distinct();
        Assert.Equal(["A.cs", "sub/B.cs"], files);
    }

    [Fact]
    public void AFileOnItsOwnIsNamedRelativeToItsFolder()
    {
        var file = _folder.Write("deep/A.cs", Snippet);

        var root = Cli.Run("classify", file, "--format", "json").Json();

        Assert.All(root.GetProperty("variables").EnumerateArray(), v => Assert.Equal("A.cs", v.GetProperty("file").GetString()));
    }

    [Fact]
    public void LinesAndColumnsAreOneBasedAndPointAtTheIdentifier()
    {
        var root = ClassifyFolder();

        // An implicit `this` has no identifier of its own; it points at its method.
        foreach (var variable in root.GetProperty("variables").EnumerateArray().Where(v => v.GetProperty("kind").GetString() != "this"))
        {
            var lines = File.ReadAllLines(Path.Combine(_folder.Path, variable.GetProperty("file").GetString()!));
            var line = lines[variable.GetProperty("line").GetInt32() - 1];
            var name = variable.GetProperty("name").GetString()!;
            Assert.Equal(name, line.Substring(variable.GetProperty("column").GetInt32() - 1, name.Length));
        }
        Assert.Equal(3, Variable(root, "X").GetProperty("line").GetInt32());
        Assert.Equal(16, Variable(root, "X").GetProperty("column").GetInt32());
    }

    [Fact]
    public void EntriesAreOrderedByFileLineAndColumn()
    {
        var root = ClassifyFolder();

        foreach (var array in new[] { "variables", "allocations" })
        {
            var keys = root.GetProperty(array).EnumerateArray()
                .Select(e => (File: e.GetProperty("file").GetString()!, Line: e.GetProperty("line").GetInt32(), Column: e.GetProperty("column").GetInt32()))
                .ToList();
            var sorted = keys.OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Column);
            Assert.Equal(sorted, keys);
        }
    }

    [Fact]
    public void ValuesAgreeWithTheStorageModel()
    {
        var root = ClassifyFolder();

        var x = Variable(root, "X");
        Assert.Equal("static-field", x.GetProperty("kind").GetString());
        Assert.Equal("static-data", x.GetProperty("storage").GetString());
        Assert.Equal(4, x.GetProperty("sizeBytes").GetInt64());

        var o = Variable(root, "o");
        Assert.Equal("local", o.GetProperty("kind").GetString());
        Assert.Equal("automatic", o.GetProperty("storage").GetString());
        Assert.Equal("dynamic", o.GetProperty("referent").GetString());
        Assert.Equal(8, o.GetProperty("sizeBytes").GetInt64());

        var y = Variable(root, "Y");
        Assert.Equal("field", y.GetProperty("kind").GetString());
        Assert.Equal("inline", y.GetProperty("storage").GetString());

        var allocation = Assert.Single(root.GetProperty("allocations").EnumerateArray(), a => a.GetProperty("file").GetString() == "A.cs");
        Assert.Equal("object", allocation.GetProperty("kind").GetString());
        Assert.Equal("dynamic", allocation.GetProperty("storage").GetString());
        Assert.Equal(6, allocation.GetProperty("line").GetInt32());
        Assert.Equal(24, allocation.GetProperty("sizeBytes").GetInt64());
        Assert.False(allocation.GetProperty("inLoop").GetBoolean());
    }

    [Fact]
    public void PointerSizeFourHalvesAReference()
    {
        var root = ClassifyFolder("--pointer-size", "4");

        Assert.Equal(4, Variable(root, "o").GetProperty("sizeBytes").GetInt64());
        Assert.Equal(4, Variable(root, "X").GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public void DebugHoistsAnAsyncLocalThatReleaseKeepsOnTheStack()
    {
        _folder.Write("A.cs", """
            using System.Threading.Tasks;
            class A
            {
                async Task M()
                {
                    int before = 1;
                    System.Console.WriteLine(before);
                    await Task.Yield();
                }
            }
            """);

        var release = Cli.Run("classify", _folder.Path, "--format", "json").Json();
        var debug = Cli.Run("classify", _folder.Path, "--format", "json", "--debug").Json();

        Assert.Equal("automatic", Variable(release, "before").GetProperty("storage").GetString());
        Assert.Equal("dynamic", Variable(debug, "before").GetProperty("storage").GetString());
    }
}
