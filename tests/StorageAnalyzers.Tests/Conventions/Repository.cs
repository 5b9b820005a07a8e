namespace StorageAnalyzers.Tests.Conventions;

/// <summary>Files of the repository these tests run from, found from the test binaries upwards.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StorageAnalyzers.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("StorageAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
