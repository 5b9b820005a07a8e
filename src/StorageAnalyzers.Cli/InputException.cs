namespace StorageAnalyzers.Cli;

/// <summary>Input the CLI cannot work with: reported as one line on stderr with exit code 2.</summary>
internal sealed class InputException(string message) : Exception(message.ToOneLine());
