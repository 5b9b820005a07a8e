using StorageAnalyzers.Core;

namespace StorageAnalyzers.Simulator;

/// <summary>
/// Every size and count the simulator assumes where the code does not say, in one place. The platform facts behind
/// the stack sizes, with sources, are in docs/stack-limits.md.
/// </summary>
public static class SimulationDefaults
{
    /// <summary>The main thread's stack: <c>storage_analyzers.stack_limit</c>'s default, 1 MB, at or below what every
    /// platform gives the main thread of a .NET program (1.5 MB on Windows, usually 8 MB on Linux and macOS).</summary>
    public const long MainThreadStackBytes = 1024 * 1024;

    /// <summary>A thread .NET creates without a size (<c>new Thread(start)</c>, thread-pool workers running
    /// <c>Task.Run</c> and <c>QueueUserWorkItem</c> work): 1.5 MB, .NET's own default on Windows, macOS and musl
    /// Linux; glibc Linux usually gives 8 MB, so this errs small there.</summary>
    public const long SecondaryThreadStackBytes = 1536 * 1024;

    /// <summary>How many times a loop without a constant bound (<c>while</c>, <c>foreach</c> over a run-time collection,
    /// <c>for</c> to a run-time limit) is assumed to run.</summary>
    public const int LoopIterations = 10;

    /// <summary>How many times each recursive cycle on a call chain is assumed to go round.</summary>
    public const int RecursionDepth = 10;

    /// <summary>The stack charged for a call that leaves the compilation (Core's fixed estimate).</summary>
    public const long ExternalFrameBytes = CallGraph.ExternalFrameBytes;

    /// <summary>The stack charged for a library call that blocks (Core's measured figure for the runtime's wait).</summary>
    public const long BlockingWaitBytes = LibraryCalls.BlockingWaitBytes;

    /// <summary>A 32-bit process addresses 4 GB at most (all of it on a 64-bit kernel, less on a 32-bit one).</summary>
    public const ulong AddressSpace32Bytes = 1UL << 32;

    /// <summary>A 64-bit process's user space on x86-64 and ARM64 with 4-level page tables: 128 TB (47 bits); the
    /// kernel has the upper half.</summary>
    public const ulong AddressSpace64Bytes = 1UL << 47;

    /// <summary>Where the layout picture puts the image: the classic ELF executable base.</summary>
    public const ulong ImageBase = 0x400000;

    /// <summary>The page size segments and stacks are rounded to.</summary>
    public const long PageBytes = 4096;

    /// <summary>
    /// Without an emitted image (code that does not compile, or an analyzer that cannot afford to emit), the text
    /// segment is estimated from the source: one byte of IL and metadata per character, plus <see cref="TextBaseBytes"/>.
    /// Measured on this repository's samples (Release): 0.7-0.8 bytes per character for plain classes and methods, up to
    /// 2.1 where records and other compiler-generated members add metadata; so the estimate is good to a factor of 2-3.
    /// </summary>
    public const double TextBytesPerSourceCharacter = 1.0;

    /// <summary>The metadata every assembly has before any of its own code: the fixed part of the estimate.</summary>
    public const long TextBaseBytes = 1024;
}
