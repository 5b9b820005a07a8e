using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Simulator;

/// <summary>The text segment: the IL of every method body plus the metadata, measured or estimated.</summary>
public sealed class TextSize
{
    private TextSize(long ilBytes, long metadataBytes, bool estimated)
    {
        IlBytes = ilBytes;
        MetadataBytes = metadataBytes;
        Estimated = estimated;
    }

    /// <summary>Method bodies (headers, IL, exception clauses); 0 when estimated.</summary>
    public long IlBytes { get; }

    /// <summary>The metadata (tables, strings, blobs); the whole estimate when estimated.</summary>
    public long MetadataBytes { get; }

    public long Bytes => IlBytes + MetadataBytes;

    /// <summary>True when no image was emitted and the size comes from the source length.</summary>
    public bool Estimated { get; }

    /// <summary>Emits the compilation in memory and reads the sizes from the image; null when it does not compile.
    /// Emitting is a build's worth of work: callers that cannot afford it (an analyzer) use <see cref="Estimate"/>.</summary>
    public static TextSize? Measure(Compilation compilation, CancellationToken cancellationToken = default)
    {
        if (compilation is null) throw new ArgumentNullException(nameof(compilation));
        using var image = new MemoryStream();
        if (!compilation.Emit(image, cancellationToken: cancellationToken).Success) return null;
        image.Position = 0;
        using var reader = new PEReader(image);
        var metadata = reader.GetMetadataReader();
        long il = 0;
        foreach (var handle in metadata.MethodDefinitions)
        {
            int rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0) il += reader.GetMethodBody(rva).Size;
        }
        return new TextSize(il, reader.GetMetadata().Length, estimated: false);
    }

    /// <summary>An estimate from the length of the source (<see cref="SimulationDefaults.TextBytesPerSourceCharacter"/>).</summary>
    public static TextSize Estimate(Compilation compilation, CancellationToken cancellationToken = default)
    {
        if (compilation is null) throw new ArgumentNullException(nameof(compilation));
        long characters = 0;
        foreach (var tree in compilation.SyntaxTrees) characters += tree.GetText(cancellationToken).Length;
        long bytes = SimulationDefaults.TextBaseBytes + (long)(characters * SimulationDefaults.TextBytesPerSourceCharacter);
        return new TextSize(0, bytes, estimated: true);
    }
}
