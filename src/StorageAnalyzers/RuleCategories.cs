namespace StorageAnalyzers;

public static class RuleCategories
{
    public const string Storage = "Storage";
    public const string Stack = "Stack";
    public const string Heap = "Heap";
    public const string Static = "Static";
    public const string Configuration = "Configuration";
}
