namespace StorageAnalyzers;

/// <summary>Every rule ID in one place. Ranges: SD1xxx tags, SD2xxx stack, SD3xxx heap, SD4xxx statics, SD9xxx configuration.</summary>
public static class RuleIds
{
    public const string VariableStorage = "SD1001";
    public const string AllocationSite = "SD1002";
    public const string StackallocTooLarge = "SD2001";
    public const string UnboundedStackalloc = "SD2002";
    public const string StackallocInLoop = "SD2003";
    public const string LargeFrame = "SD2004";
    public const string RecursiveStackBuffer = "SD2005";
    public const string ThreadStackBudget = "SD2006";
    public const string InvalidConfiguration = "SD9001";
}
