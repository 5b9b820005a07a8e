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
    public const string EntryStackBudget = "SD2007";
    public const string Boxing = "SD3001";
    public const string Closure = "SD3002";
    public const string Delegate = "SD3003";
    public const string ParamsArray = "SD3004";
    public const string StringBuilding = "SD3005";
    public const string Enumerator = "SD3006";
    public const string AsyncStateMachine = "SD3007";
    public const string Iterator = "SD3008";
    public const string AnonymousType = "SD3009";
    public const string CollectionExpression = "SD3010";
    public const string LinqOnHotPath = "SD3011";
    public const string AllocationOnHotPath = "SD3013";
    public const string LambdaCanBeStatic = "SD3012";
    public const string StaticArrayAsSpan = "SD4001";
    public const string InvalidConfiguration = "SD9001";
}
