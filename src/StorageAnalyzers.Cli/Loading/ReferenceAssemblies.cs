using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Cli.Loading;

/// <summary>The reference assemblies that loose .cs files compile against: the running runtime's, loaded once per process.</summary>
internal static class ReferenceAssemblies
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Cached = new(Load);

    public static ImmutableArray<MetadataReference> All => Cached.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var runtimeFolder = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        var paths = FindReferencePack(runtimeFolder) ?? FindTrustedPlatformAssemblies(runtimeFolder);
        return [.. paths.Order(StringComparer.Ordinal).Select(path => MetadataReference.CreateFromFile(path))];
    }

    /// <summary>
    /// The runtime runs from <c>&lt;dotnet&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;</c>; an SDK install has the matching
    /// reference pack at <c>&lt;dotnet&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.0</c>. An SDK
    /// may carry a different patch version than the runtime, so the newest pack of the same major version will do.
    /// </summary>
    private static string[]? FindReferencePack(string runtimeFolder)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeFolder, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;

        var major = Environment.Version.Major;
        var runtimeVersion = Path.GetFileName(runtimeFolder);
        var version = Directory.EnumerateDirectories(packs)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith($"{major}.", StringComparison.Ordinal))
            .OrderByDescending(name => name == runtimeVersion)
            .ThenByDescending(name => Version.TryParse(name!.Split('-')[0], out var v) ? v : null)
            .FirstOrDefault();
        if (version is null) return null;

        var folder = Path.Combine(packs, version, "ref", $"net{major}.0");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.dll") : null;
    }

    /// <summary>Without an SDK, compile against the runtime's own assemblies (those of the runtime folder only, not the app's).</summary>
    private static IEnumerable<string> FindTrustedPlatformAssemblies(string runtimeFolder) =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetDirectoryName(path) == runtimeFolder);
}
