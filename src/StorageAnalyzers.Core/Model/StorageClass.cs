namespace StorageAnalyzers.Core;

/// <summary>Where the bytes of a variable or an allocation live (the design's storage taxonomy).</summary>
public enum StorageClass
{
    /// <summary>Static storage initialised to a non-default value (type initializer or RVA data in the image).</summary>
    StaticData,
    /// <summary>Static storage that holds the default value (zero/null) after type initialisation.</summary>
    StaticBss,
    /// <summary>One copy per thread (<c>[ThreadStatic]</c>).</summary>
    ThreadLocal,
    /// <summary>The stack frame of the running method.</summary>
    Automatic,
    /// <summary>The GC heap.</summary>
    Dynamic,
    /// <summary>No runtime storage: a constant in metadata/IL.</summary>
    Constant,
    /// <summary>Inside whatever contains it (instance fields of structs).</summary>
    Inline,
}

public static class StorageClassText
{
    /// <summary>The JSON value of the design contract (<c>static-data</c>, <c>automatic</c>, ...).</summary>
    public static string ToJsonValue(this StorageClass storage) => storage switch
    {
        StorageClass.StaticData => "static-data",
        StorageClass.StaticBss => "static-bss",
        StorageClass.ThreadLocal => "thread-local",
        StorageClass.Automatic => "automatic",
        StorageClass.Dynamic => "dynamic",
        StorageClass.Constant => "constant",
        _ => "inline",
    };

    /// <summary>Words for messages: "automatic storage (stack)".</summary>
    public static string Describe(this StorageClass storage) => storage switch
    {
        StorageClass.StaticData => "static storage (data)",
        StorageClass.StaticBss => "static storage (BSS)",
        StorageClass.ThreadLocal => "thread-local storage",
        StorageClass.Automatic => "automatic storage (stack)",
        StorageClass.Dynamic => "dynamic storage (heap)",
        StorageClass.Constant => "no storage (constant)",
        _ => "inline storage (inside its container)",
    };
}
