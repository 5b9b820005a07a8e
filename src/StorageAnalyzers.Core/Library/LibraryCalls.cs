using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>
/// What a few library calls cost that the model cannot see from the call: the stack a blocking wait takes inside the
/// runtime, and the heap objects a thread or thread-pool start allocates for its caller. Every figure is measured on
/// .NET 10 x64 by the simulator's ground-truth tests (a child process bisecting the stack, and
/// <c>GC.GetAllocatedBytesForCurrentThread</c>); objects are described by their runtime fields so 32-bit follows.
/// Any other call outside the compilation costs <see cref="CallGraph.ExternalFrameBytes"/> of stack and no heap.
/// </summary>
public static class LibraryCalls
{
    /// <summary>
    /// The stack a call that blocks takes: the library's frames down to the runtime's wait (the thread's wait
    /// helpers, pthread_cond_wait), up to 8 KB when measured to the page on Linux x64 (0, 4 or 8 KB from run to run).
    /// </summary>
    public const long BlockingWaitBytes = 8 * 1024;

    /// <summary>The stack <paramref name="method"/> (outside the compilation) takes below its caller's frame.</summary>
    public static long StackBytes(IMethodSymbol method) =>
        IsBlockingWait(method) ? BlockingWaitBytes : CallGraph.ExternalFrameBytes;

    /// <summary>
    /// True for a call that may block the calling thread until another thread acts: joins, waits, lock
    /// acquisitions, a task's result, a thread's start (it waits for the new thread to run), parallel loops.
    /// Measured: Thread.Join, Task.Result, ManualResetEventSlim.Wait, Monitor.Wait, WaitHandle.WaitOne (and
    /// Thread.Start); the others end in the same runtime wait and are charged alike.
    /// </summary>
    public static bool IsBlockingWait(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        string name = method.Name;
        return TypeName(method.ContainingType) switch
        {
            "System.Threading.Thread" => name is "Join" or "Start" or "UnsafeStart", // Sleep stays shallow (nanosleep)
            "System.Threading.Tasks.Task" => name is "Wait" or "WaitAll" or "WaitAny" or "RunSynchronously",
            "System.Threading.Tasks.Task`1" => name == "get_Result",
            "System.Runtime.CompilerServices.TaskAwaiter" or "System.Runtime.CompilerServices.TaskAwaiter`1"
                or "System.Runtime.CompilerServices.ConfiguredTaskAwaitable.ConfiguredTaskAwaiter"
                or "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1.ConfiguredTaskAwaiter" => name == "GetResult",
            "System.Threading.WaitHandle" => name is "WaitOne" or "WaitAll" or "WaitAny" or "SignalAndWait",
            "System.Threading.Monitor" => name is "Enter" or "TryEnter" or "Wait",
            "System.Threading.Lock" => name is "Enter" or "TryEnter" or "EnterScope",
            "System.Threading.ManualResetEventSlim" or "System.Threading.SemaphoreSlim" or "System.Threading.CountdownEvent" => name == "Wait",
            "System.Threading.Barrier" => name == "SignalAndWait",
            "System.Threading.ReaderWriterLockSlim" => name is "EnterReadLock" or "EnterWriteLock" or "EnterUpgradeableReadLock"
                or "TryEnterReadLock" or "TryEnterWriteLock" or "TryEnterUpgradeableReadLock",
            "System.Threading.Tasks.Parallel" => name is "For" or "ForEach" or "Invoke",
            "System.Collections.Concurrent.BlockingCollection`1" => name is "Add" or "Take" or "TryAdd" or "TryTake",
            "System.Diagnostics.Process" => name == "WaitForExit",
            _ => false,
        };
    }

    /// <summary>
    /// The heap object a library call allocates on the calling thread that its result or arguments do not show, or
    /// null: a <c>Thread</c> constructor's start helper (delegate, argument, cultures, execution context),
    /// <c>Task.Run</c>/<c>Task.Factory.StartNew</c>'s task, <c>ThreadPool.QueueUserWorkItem</c>'s work item (as queued
    /// by a program that sets no <c>AsyncLocal</c>: a flowing execution context takes a larger work item).
    /// </summary>
    public static (string TypeName, long Bytes, string Reason)? HeapAllocation(IMethodSymbol method, TypeLayout layout)
    {
        string name = method.Name;
        switch (TypeName(method.ContainingType))
        {
            case "System.Threading.Thread" when method.MethodKind == MethodKind.Constructor:
                return ("Thread.StartHelper", layout.RuntimeObjectSize(references: 5, int32s: 1),
                    "the Thread constructor keeps the start delegate, argument, cultures and execution context in a helper object");
            case "System.Threading.Tasks.Task" when name == "Run" && StartsWork(method):
            case "System.Threading.Tasks.TaskFactory" when name == "StartNew" && StartsWork(method):
                return (TypeNames.Of(method.ReturnType), layout.ObjectSize(method.ReturnType),
                    $"{method.ContainingType.Name}.{name} allocates the task it returns");
            case "System.Threading.ThreadPool" when name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" && method.Parameters.Length > 0:
                var state = method.Parameters.Length > 1 && method.TypeArguments.Length == 1 ? method.TypeArguments[0] : null;
                return ("thread-pool work item", layout.RuntimeObjectSize(references: state is null ? 2 : 1, field: state),
                    "ThreadPool.QueueUserWorkItem queues the callback and its state in a work item");
            default:
                return null;
        }
    }

    /// <summary>Task.Run and StartNew of a plain <c>Action</c> or <c>Func&lt;T&gt;</c> allocate exactly the task they
    /// return; those of a <c>Func&lt;Task&gt;</c> unwrap it through a proxy task, not modelled.</summary>
    private static bool StartsWork(IMethodSymbol method) =>
        method.Parameters.Length > 0
        && method.Parameters[0].Type is INamedTypeSymbol { Name: "Action" or "Func" } work
        && !(work.Name == "Func" && work.TypeArguments.Length == 1 && work.TypeArguments[0].Name is "Task" or "ValueTask")
        && method.ReturnType is INamedTypeSymbol { Name: "Task" };

    private static string TypeName(INamedTypeSymbol? type)
    {
        if (type is null) return "";
        string outer = type.ContainingType is { } containing ? TypeName(containing) : type.ContainingNamespace?.ToDisplayString() ?? "";
        return outer.Length == 0 ? type.MetadataName : $"{outer}.{type.MetadataName}";
    }
}
