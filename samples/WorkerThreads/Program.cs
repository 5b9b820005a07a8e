using WorkerThreads;

ulong checksum = Workers.RunAll();
Console.WriteLine($"{Workers.Count} workers x {Workers.BlocksPerWorker} blocks on {Workers.StackSize / 1024} KB stacks: checksum {checksum:x16}");
