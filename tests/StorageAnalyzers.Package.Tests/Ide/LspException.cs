namespace StorageAnalyzers.Package.Tests.Ide;

/// <summary>An error answer from the language server, or the server going away while a request waits.</summary>
internal sealed class LspException(string message) : Exception(message);
