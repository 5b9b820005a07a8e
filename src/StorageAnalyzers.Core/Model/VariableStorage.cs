using Microsoft.CodeAnalysis;

namespace StorageAnalyzers.Core;

/// <summary>What kind of variable was declared (the JSON <c>kind</c> of a variable).</summary>
public enum VariableKind
{
    Local,
    Parameter,
    This,
    Field,
    StaticField,
    Const,
    RangeVariable,
    BackingField,
    EventField,
}

public static class VariableKindText
{
    public static string ToJsonValue(this VariableKind kind) => kind switch
    {
        VariableKind.Local => "local",
        VariableKind.Parameter => "parameter",
        VariableKind.This => "this",
        VariableKind.Field => "field",
        VariableKind.StaticField => "static-field",
        VariableKind.Const => "const",
        VariableKind.RangeVariable => "range-variable",
        VariableKind.BackingField => "backing-field",
        _ => "event-field",
    };
}

/// <summary>
/// One declared variable: where its own bytes live, how many, and why. For a reference-typed variable,
/// <see cref="Referent"/> says where the object it points to lives when the initializer shows it.
/// </summary>
public sealed class VariableStorage
{
    public VariableStorage(ISymbol symbol, Location location, string name, VariableKind kind, StorageClass storage,
        StorageClass? referent, long? sizeBytes, string reason)
    {
        Symbol = symbol;
        Location = location;
        Name = name;
        Kind = kind;
        Storage = storage;
        Referent = referent;
        SizeBytes = sizeBytes;
        Reason = reason;
    }

    public ISymbol Symbol { get; }
    /// <summary>The declaring identifier.</summary>
    public Location Location { get; }
    public string Name { get; }
    public VariableKind Kind { get; }
    public StorageClass Storage { get; }
    public StorageClass? Referent { get; }
    /// <summary>Bytes of the variable itself (a reference is a pointer); null where the size is not knowable.</summary>
    public long? SizeBytes { get; }
    public string Reason { get; }

    public override string ToString() => $"{Name}: {Storage.ToJsonValue()} {SizeBytes?.ToString() ?? "?"} B ({Reason})";
}
