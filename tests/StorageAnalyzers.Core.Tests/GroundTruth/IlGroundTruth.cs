using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace StorageAnalyzers.Core.Tests.GroundTruth;

/// <summary>
/// Test oracle: compiles C# with Roslyn and reads back what the compiler really emitted (IL + portable PDB),
/// so tests can check the storage classifier against the truth instead of against our expectations.
/// </summary>
/// <remarks>
/// Conventions (all checked against Roslyn 4.14 output):
/// <list type="bullet">
/// <item>Lines are 1-based. An instruction's line is the start line of the nearest preceding sequence point when
/// that point is visible; IL under a hidden point (e.g. a display class created on entering a scope) takes the next
/// visible one after it. Async/iterator stubs have no sequence points: they take the declaration line of the
/// method, local function or lambda whose MoveNext they start. Synthesized members (record ToString, &lt;Clone&gt;$)
/// take the line of their type.</item>
/// <item>Method is the user-facing method: generated names are unwrapped to the outermost source method, so the
/// lambda <c>&lt;Main&gt;b__0_0</c>, the local function <c>&lt;Main&gt;g__Local|0_0</c>, the MoveNext of
/// <c>&lt;Main&gt;d__3</c> and of <c>&lt;&lt;Main&gt;b__0&gt;d</c> are all "Main".</item>
/// <item>Type names are metadata names: namespace-qualified, nested types joined with '+', generic instances
/// reduced to their definition (<c>System.Collections.Generic.List`1</c>), generic parameters as !0 / !!0.</item>
/// <item>Only code that runs on behalf of user code is scanned: user types, display classes and the &lt;&gt;c
/// lambda class (minus their constructors) and the MoveNext of state machines. The &lt;&gt;c singleton,
/// state-machine plumbing (GetEnumerator, Reset...), anonymous types and &lt;PrivateImplementationDetails&gt;
/// are ignored.</item>
/// </list>
/// </remarks>
public static class IlGroundTruth
{
    // Only the shared framework: the test host's TPA list also holds xunit, Roslyn, etc.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == frameworkDir)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    /// <summary>The shared framework's assemblies, for compilations a test makes itself.</summary>
    public static ImmutableArray<MetadataReference> References => FrameworkReferences.Value;

    /// <summary>Compiles one file named "Snippet.cs" into a library and reads what was emitted.</summary>
    public static EmittedFacts Compile(string source, OptimizationLevel level)
    {
        var tree = CSharpSyntaxTree.ParseText(
            SourceText.From(source, Encoding.UTF8),
            new CSharpParseOptions(LanguageVersion.Preview),
            path: "Snippet.cs");
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree],
            FrameworkReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: level, allowUnsafe: true));
        return Read(compilation);
    }

    /// <summary>
    /// The PDB knows lines only through sequence points, which Roslyn puts on statements, expression bodies and
    /// lambda bodies: an allocation inside a statement that spans lines is seen on the statement's first line. This maps
    /// a syntax location (an allocation the model or a rule reports) to the line the IL facts use.
    /// </summary>
    public static int SequencePointLine(Location location, bool createsDelegate)
    {
        var root = location.SourceTree!.GetRoot();
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        if (node is BlockSyntax block && block.OpenBraceToken.Span == location.SourceSpan) return LineOf(location);
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case BlockSyntax:
                    continue;
                case CatchClauseSyntax:
                    return LineOf(ancestor.GetLocation());
                // A query clause runs as a lambda with its own sequence point; the delegate for it is created by the
                // statement that evaluates the query.
                case QueryClauseSyntax or SelectOrGroupClauseSyntax or QueryContinuationSyntax when !createsDelegate:
                    return LineOf(ancestor.GetLocation());
                case StatementSyntax statement:
                    return LineOf(statement.GetLocation());
                case ExpressionSyntax expression when expression.Parent is ArrowExpressionClauseSyntax
                    || expression.Parent is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody == expression:
                    return LineOf(expression.GetLocation());
                case VariableDeclaratorSyntax or PropertyDeclarationSyntax:
                    return LineOf(ancestor.GetLocation());
            }
        }
        return LineOf(location);
    }

    private static int LineOf(Location location) => location.GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>Emits the compilation (PE + portable PDB) and reads what was emitted.</summary>
    /// <exception cref="InvalidOperationException">The compilation has errors (listed in the message).</exception>
    public static EmittedFacts Read(CSharpCompilation compilation)
    {
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = WithEncodedTrees(compilation).Emit(
            pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
        {
            throw new InvalidOperationException("Compilation failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        pe.Position = 0;
        pdb.Position = 0;
        using var peReader = new PEReader(pe);
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        return new ModuleReader(compilation, peReader, pdbProvider.GetMetadataReader()).Read();
    }

    // Emitting a PDB needs each text's encoding (CS8055); ParseText(string) leaves it null.
    private static CSharpCompilation WithEncodedTrees(CSharpCompilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees.Where(t => t.GetText().Encoding is null))
        {
            compilation = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
                SourceText.From(tree.GetText().ToString(), Encoding.UTF8), (CSharpParseOptions)tree.Options, tree.FilePath));
        }

        return compilation;
    }

    private readonly record struct Instruction(int Offset, ILOpCode OpCode, long Operand)
    {
        public EntityHandle Token => MetadataTokens.EntityHandle((int)Operand);
    }

    private sealed class ModuleReader(CSharpCompilation compilation, PEReader peReader, MetadataReader pdb)
    {
        private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => (ushort)o.Value);

        // Delegate caches: "<>9__1_0" in <>c (lambdas), "<0>__Name" in <>O (C# 11 method groups).
        private static readonly Regex DelegateCacheField = new(@"^<(>9|\d+>)__");

        // "static long L = 0;" is emitted as "ldc.i4.0; conv.i8".
        private static readonly HashSet<ILOpCode> Conversions =
        [
            ILOpCode.Conv_i1, ILOpCode.Conv_i2, ILOpCode.Conv_i4, ILOpCode.Conv_i8, ILOpCode.Conv_i,
            ILOpCode.Conv_u1, ILOpCode.Conv_u2, ILOpCode.Conv_u4, ILOpCode.Conv_u8, ILOpCode.Conv_u,
            ILOpCode.Conv_r4, ILOpCode.Conv_r8,
        ];

        private readonly MetadataReader md = peReader.GetMetadataReader();
        private readonly TypeNameProvider names = new();
        private readonly Dictionary<string, TypeDefinitionHandle> typesByName = [];
        private readonly Dictionary<TypeDefinitionHandle, TypeRole> roles = [];
        private readonly Dictionary<MethodDefinitionHandle, MethodDefinitionHandle> moveNextByKickoff = [];
        private readonly Dictionary<string, string> closureOwners = [];

        public EmittedFacts Read()
        {
            foreach (var type in md.TypeDefinitions)
            {
                typesByName[TypeName(type)] = type;
                roles[type] = ClassifyType(type);
            }

            foreach (var method in md.MethodDefinitions)
            {
                var kickoff = pdb.GetMethodDebugInformation(method).GetStateMachineKickoffMethod();
                if (!kickoff.IsNil)
                {
                    moveNextByKickoff[kickoff] = method;
                }
            }

            var allocations = new List<IlAllocation>();
            var locals = new List<PdbLocal>();
            var statics = new Dictionary<string, StaticInit>();
            foreach (var typeHandle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(typeHandle);
                var role = RoleOf(typeHandle);
                if (role == TypeRole.User)
                {
                    ReadStaticFields(typeHandle, statics);
                }

                foreach (var method in type.GetMethods().Where(m => IsScanned(role, md.GetString(md.GetMethodDefinition(m).Name))))
                {
                    ScanBody(method, allocations);
                }

                // Locals come from every method (a lambda or MoveNext keeps its non-hoisted locals as IL locals).
                foreach (var method in type.GetMethods())
                {
                    locals.AddRange(PdbLocals(method));
                }
            }

            return new EmittedFacts(compilation, allocations.OrderBy(a => a.Line).ToList(), Hoisted().Distinct().ToList(), statics, locals);
        }

        private enum TypeRole { User, Closure, LambdaCache, StateMachine, Ignored }

        private TypeRole RoleOf(TypeDefinitionHandle handle) => roles[handle];

        private TypeRole ClassifyType(TypeDefinitionHandle handle)
        {
            var name = md.GetString(md.GetTypeDefinition(handle).Name);
            return !name.StartsWith('<') ? TypeRole.User
                : name.StartsWith("<>c__DisplayClass", StringComparison.Ordinal) ? TypeRole.Closure
                : name == "<>c" || name.StartsWith("<>c__", StringComparison.Ordinal) ? TypeRole.LambdaCache // "<>c__3`1" in generic methods
                : IsStateMachine(handle) ? TypeRole.StateMachine
                : TypeRole.Ignored; // <Module>, <PrivateImplementationDetails>, <>O, anonymous types, ...
        }

        private static bool IsScanned(TypeRole role, string method) => role switch
        {
            TypeRole.User => true,
            TypeRole.Closure => method != ".ctor",
            TypeRole.LambdaCache => method is not (".ctor" or ".cctor"),
            TypeRole.StateMachine => method == "MoveNext",
            _ => false,
        };

        private bool IsStateMachine(TypeDefinitionHandle handle) =>
            Interfaces(handle).Any(i => i is "System.Runtime.CompilerServices.IAsyncStateMachine" or "System.Collections.IEnumerator");

        // Async methods (and, in Debug, their class state machines) implement only IAsyncStateMachine;
        // sync and async iterators implement an enumerator and are always classes.
        private bool IsIterator(TypeDefinitionHandle handle) =>
            Interfaces(handle).Any(i => i is "System.Collections.IEnumerator" or "System.Collections.Generic.IAsyncEnumerator`1");

        private IEnumerable<string> Interfaces(TypeDefinitionHandle handle) => md.GetTypeDefinition(handle)
            .GetInterfaceImplementations()
            .Select(i => TypeName(md.GetInterfaceImplementation(i).Interface));

        private void ScanBody(MethodDefinitionHandle handle, List<IlAllocation> allocations)
        {
            // Members the compiler synthesizes (a record's ToString, PrintMembers, <Clone>$) have no source of their own:
            // what they allocate happens inside the call that reaches them, not at a line of the user's code.
            if (IsSynthesizedMember(handle)) return;
            var instructions = Decode(handle);
            var method = UserMethodName(handle);
            var lineAt = LineMap(handle);
            for (var i = 0; i < instructions.Count; i++)
            {
                var instruction = instructions[i];
                switch (instruction.OpCode)
                {
                    case ILOpCode.Newobj:
                        var type = DeclaringTypeName(instruction.Token);
                        NoteClosureUse(type, handle, method);
                        if (NewObjKind(type) is { } kind)
                        {
                            var isArray = kind == IlAllocationKind.Array;
                            allocations.Add(new IlAllocation(
                                lineAt(instruction.Offset),
                                kind,
                                isArray ? type[..type.LastIndexOf('[')] : type,
                                method,
                                kind == IlAllocationKind.Delegate && IsCacheStore(instructions, i + 1)));
                        }

                        break;
                    case ILOpCode.Newarr:
                        allocations.Add(new IlAllocation(lineAt(instruction.Offset), IlAllocationKind.Array, TypeName(instruction.Token), method, false));
                        break;
                    case ILOpCode.Box:
                        allocations.Add(new IlAllocation(lineAt(instruction.Offset), IlAllocationKind.Boxing, TypeName(instruction.Token), method, false));
                        break;
                    case ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld:
                        NoteClosureUse(DeclaringTypeName(instruction.Token), handle, method);
                        break;
                }
            }
        }

        private IlAllocationKind? NewObjKind(string type)
        {
            if (type.EndsWith(']'))
            {
                return IlAllocationKind.Array; // multi-dimensional arrays are created by newobj T[,]::.ctor
            }

            if (typesByName.TryGetValue(type, out var definition))
            {
                var role = RoleOf(definition);
                var baseType = BaseTypeName(definition);
                return baseType is "System.ValueType" or "System.Enum" ? null
                    : role == TypeRole.Closure ? IlAllocationKind.Closure
                    : role == TypeRole.StateMachine ? (IsIterator(definition) ? IlAllocationKind.Iterator : IlAllocationKind.StateMachine)
                    : baseType == "System.MulticastDelegate" ? IlAllocationKind.Delegate
                    : IlAllocationKind.Object;
            }

            var symbol = compilation.GetTypesByMetadataName(type).FirstOrDefault();
            return symbol?.IsValueType == true ? null
                : symbol?.TypeKind == TypeKind.Delegate ? IlAllocationKind.Delegate
                : IlAllocationKind.Object;
        }

        // A cached delegate is stored straight into its cache field ("dup; stsfld", or just "stsfld" when unused).
        private bool IsCacheStore(List<Instruction> instructions, int next)
        {
            if (next < instructions.Count && instructions[next].OpCode == ILOpCode.Dup)
            {
                next++;
            }

            return next < instructions.Count
                && instructions[next].OpCode == ILOpCode.Stsfld
                && DelegateCacheField.IsMatch(FieldName(instructions[next].Token));
        }

        // A display class belongs to the first method (outside itself) that creates it or touches its fields.
        private void NoteClosureUse(string type, MethodDefinitionHandle user, string method)
        {
            if (typesByName.TryGetValue(type, out var closure)
                && RoleOf(closure) == TypeRole.Closure
                && md.GetMethodDefinition(user).GetDeclaringType() != closure)
            {
                closureOwners.TryAdd(type, method);
            }
        }

        private IEnumerable<HoistedVariable> Hoisted()
        {
            foreach (var handle in md.TypeDefinitions)
            {
                var role = RoleOf(handle);
                var type = md.GetTypeDefinition(handle);
                var fields = type.GetFields().Select(f => md.GetString(md.GetFieldDefinition(f).Name));
                if (role == TypeRole.Closure)
                {
                    var kind = BaseTypeName(handle) == "System.ValueType" ? HoistKind.StructClosure : HoistKind.DisplayClass;
                    var owner = closureOwners.GetValueOrDefault(TypeName(handle), "");
                    foreach (var field in fields)
                    {
                        // "CS$<>8__locals1" links to an outer scope's display class; other "<...>" names are compiler temps.
                        if (field == "<>4__this")
                        {
                            yield return new HoistedVariable("this", owner, kind);
                        }
                        else if (!field.StartsWith('<') && !field.StartsWith("CS$", StringComparison.Ordinal))
                        {
                            yield return new HoistedVariable(field, owner, kind);
                        }
                    }
                }
                else if (role == TypeRole.StateMachine)
                {
                    var owner = Unwrap(md.GetString(type.Name));
                    foreach (var field in fields)
                    {
                        // "<x>5__N" = local; "x" = parameter (the running copy); "<>3__x" = an iterator's initial
                        // parameter value, copied into x by GetEnumerator. Every other "<>..." field is plumbing.
                        var local = Regex.Match(field, @"^<(.+)>5__\d+$");
                        if (local.Success)
                        {
                            yield return new HoistedVariable(local.Groups[1].Value, owner, HoistKind.StateMachineLocal);
                        }
                        else if (field.StartsWith("<>3__", StringComparison.Ordinal))
                        {
                            yield return new HoistedVariable(field["<>3__".Length..], owner, HoistKind.StateMachineParameter);
                        }
                        else if (!field.StartsWith('<'))
                        {
                            yield return new HoistedVariable(field, owner, HoistKind.StateMachineParameter);
                        }
                    }
                }
            }
        }

        private IEnumerable<PdbLocal> PdbLocals(MethodDefinitionHandle method)
        {
            var name = UserMethodName(method);
            foreach (var scope in pdb.GetLocalScopes(method).Select(pdb.GetLocalScope))
            {
                foreach (var local in scope.GetLocalVariables().Select(pdb.GetLocalVariable))
                {
                    // "CS$<>8__locals0" is the local holding a display class, not a user variable.
                    var localName = pdb.GetString(local.Name);
                    if ((local.Attributes & LocalVariableAttributes.DebuggerHidden) == 0 && !localName.StartsWith("CS$", StringComparison.Ordinal))
                    {
                        yield return new PdbLocal(localName, name);
                    }
                }
            }
        }

        // Static fields are NotStored unless the type's .cctor writes them. Roslyn emits no .cctor when every static
        // initializer is a default value; once a .cctor exists, "= 0" initializers are stored too (Release as well),
        // except that Release drops them from an explicit "static C() { }". A default store pushes a zero constant
        // (possibly widened by conv.*) or ldnull, or is "ldsflda; initobj". Writes through an address in an explicit
        // static constructor ("s.X = 1") are not seen.
        private void ReadStaticFields(TypeDefinitionHandle handle, Dictionary<string, StaticInit> statics)
        {
            var type = md.GetTypeDefinition(handle);
            var typeName = TypeName(handle);
            var fields = type.GetFields()
                .Select(md.GetFieldDefinition)
                .Where(f => (f.Attributes & FieldAttributes.Static) != 0)
                .ToDictionary(f => md.GetString(f.Name), _ => StaticInit.NotStored);
            var cctor = type.GetMethods().FirstOrDefault(m => md.GetString(md.GetMethodDefinition(m).Name) == ".cctor");
            var instructions = cctor.IsNil ? [] : Decode(cctor);
            for (var i = 0; i < instructions.Count; i++)
            {
                var opCode = instructions[i].OpCode;
                StaticInit init;
                if (opCode == ILOpCode.Stsfld)
                {
                    init = IsDefaultValue(instructions, i - 1) ? StaticInit.Default : StaticInit.NonDefault;
                }
                else if (opCode == ILOpCode.Ldsflda && i + 1 < instructions.Count && instructions[i + 1].OpCode == ILOpCode.Initobj)
                {
                    init = StaticInit.Default;
                }
                else
                {
                    continue;
                }

                var token = instructions[i].Token;
                if (DeclaringTypeName(token) == typeName && fields.TryGetValue(FieldName(token), out var previous))
                {
                    fields[FieldName(token)] = (StaticInit)Math.Max((int)previous, (int)init);
                }
            }

            foreach (var (field, init) in fields)
            {
                statics[typeName + "." + field] = init;
            }
        }

        private static bool IsDefaultValue(List<Instruction> instructions, int index)
        {
            while (index >= 0 && Conversions.Contains(instructions[index].OpCode))
            {
                index--;
            }

            // Float operands are kept as raw bits, so -0.0 (not all-zero bytes) counts as NonDefault.
            return index >= 0 && instructions[index] is { OpCode: ILOpCode.Ldc_i4_0 or ILOpCode.Ldnull }
                or { OpCode: ILOpCode.Ldc_i4_s or ILOpCode.Ldc_i4 or ILOpCode.Ldc_i8 or ILOpCode.Ldc_r4 or ILOpCode.Ldc_r8, Operand: 0 };
        }

        private List<Instruction> Decode(MethodDefinitionHandle handle)
        {
            var rva = md.GetMethodDefinition(handle).RelativeVirtualAddress;
            var instructions = new List<Instruction>();
            if (rva == 0)
            {
                return instructions; // abstract / extern
            }

            var il = peReader.GetMethodBody(rva).GetILReader();
            while (il.RemainingBytes > 0)
            {
                var offset = il.Offset;
                ushort value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (ushort)(0xFE00 | il.ReadByte());
                }

                long operand = OpCodesByValue[value].OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineI => il.ReadSByte(),
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineVar => il.ReadByte(),
                    OperandType.InlineVar => il.ReadUInt16(),
                    OperandType.InlineI8 or OperandType.InlineR => il.ReadInt64(),
                    OperandType.InlineSwitch => SkipSwitchTable(ref il),
                    _ => il.ReadInt32(), // tokens, int32 and float32 (raw bits), branch targets
                };
                instructions.Add(new Instruction(offset, (ILOpCode)value, operand));
            }

            return instructions;
        }

        private static long SkipSwitchTable(ref BlobReader il)
        {
            var count = il.ReadInt32();
            il.Offset += 4 * count;
            return count;
        }

        private string TypeName(TypeDefinitionHandle handle) => names.GetTypeFromDefinition(md, handle, 0);

        private string TypeName(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => names.GetTypeFromDefinition(md, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeReference => names.GetTypeFromReference(md, (TypeReferenceHandle)handle, 0),
            HandleKind.TypeSpecification => names.GetTypeFromSpecification(md, null, (TypeSpecificationHandle)handle, 0),
            _ => throw new NotSupportedException(handle.Kind.ToString()),
        };

        private string BaseTypeName(TypeDefinitionHandle handle)
        {
            var baseType = md.GetTypeDefinition(handle).BaseType;
            return baseType.IsNil ? "" : TypeName(baseType);
        }

        // Declaring type of a method or field token.
        private string DeclaringTypeName(EntityHandle member) => member.Kind switch
        {
            HandleKind.MethodDefinition => TypeName(md.GetMethodDefinition((MethodDefinitionHandle)member).GetDeclaringType()),
            HandleKind.FieldDefinition => TypeName(md.GetFieldDefinition((FieldDefinitionHandle)member).GetDeclaringType()),
            HandleKind.MemberReference => TypeName(md.GetMemberReference((MemberReferenceHandle)member).Parent),
            _ => throw new NotSupportedException(member.Kind.ToString()),
        };

        private string FieldName(EntityHandle field) => md.GetString(field.Kind == HandleKind.FieldDefinition
            ? md.GetFieldDefinition((FieldDefinitionHandle)field).Name
            : md.GetMemberReference((MemberReferenceHandle)field).Name);

        private string UserMethodName(MethodDefinitionHandle handle)
        {
            var method = md.GetMethodDefinition(handle);
            var type = md.GetTypeDefinition(method.GetDeclaringType());
            var name = md.GetString(method.Name);
            return Unwrap(name == "MoveNext" && RoleOf(method.GetDeclaringType()) == TypeRole.StateMachine ? md.GetString(type.Name) : name);
        }

        // "<<Main>b__0>d" -> "<Main>b__0" -> "Main"; ordinary names are returned unchanged.
        private static string Unwrap(string name)
        {
            while (name.StartsWith('<'))
            {
                var depth = 0;
                var close = 0;
                while ((depth += name[close] switch { '<' => 1, '>' => -1, _ => 0 }) > 0)
                {
                    close++;
                }

                name = name[1..close];
            }

            return name;
        }

        // Line of each IL offset: the nearest sequence point before it when that point is visible. Code under a hidden
        // point (a display class created on entering a scope, a loop body's prologue) belongs to no line of its own; it
        // runs on the way to the next visible point, so it takes that line (the last visible one when none follows).
        private Func<int, int> LineMap(MethodDefinitionHandle method)
        {
            var info = pdb.GetMethodDebugInformation(method);
            var points = info.SequencePointsBlob.IsNil ? [] : info.GetSequencePoints().ToList();
            var visible = points.Where(s => !s.IsHidden).ToList();
            if (visible.Count == 0)
            {
                var line = DeclarationLine(method);
                return _ => line;
            }

            return offset =>
            {
                int last = points.FindLastIndex(s => s.Offset <= offset);
                if (last >= 0 && !points[last].IsHidden) return points[last].StartLine;
                int next = visible.FindIndex(s => s.Offset > offset);
                return next >= 0 ? visible[next].StartLine : visible[^1].StartLine;
            };
        }

        private bool IsSynthesizedMember(MethodDefinitionHandle method) =>
            !moveNextByKickoff.ContainsKey(method) && pdb.GetMethodDebugInformation(method).SequencePointsBlob.IsNil
            && md.GetMethodDefinition(method).RelativeVirtualAddress != 0;

        // For methods without sequence points: a state machine stub gets the declaration line of the function whose
        // MoveNext it starts; a synthesized member gets its type's line.
        private int DeclarationLine(MethodDefinitionHandle method)
        {
            if (moveNextByKickoff.TryGetValue(method, out var moveNext))
            {
                var first = pdb.GetMethodDebugInformation(moveNext).GetSequencePoints().First(s => !s.IsHidden);
                var path = pdb.GetString(pdb.GetDocument(first.Document).Name);
                var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path) ?? compilation.SyntaxTrees.First();
                var position = tree.GetText().Lines[first.StartLine - 1].Start + first.StartColumn - 1;
                var function = tree.GetRoot().FindToken(position).Parent!.AncestorsAndSelf().First(n =>
                    n is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or BaseMethodDeclarationSyntax);
                var location = function switch
                {
                    MethodDeclarationSyntax m => m.Identifier.GetLocation(),
                    LocalFunctionStatementSyntax l => l.Identifier.GetLocation(),
                    _ => function.GetLocation(),
                };
                return location.GetLineSpan().StartLinePosition.Line + 1;
            }

            var type = compilation.GetTypeByMetadataName(TypeName(md.GetMethodDefinition(method).GetDeclaringType()));
            return type?.Locations.FirstOrDefault(l => l.IsInSource)?.GetLineSpan().StartLinePosition.Line + 1 ?? 0;
        }
    }

    // Names for metadata types; generic instances are reduced to their definition so they can be looked up.
    private sealed class TypeNameProvider : ISignatureTypeProvider<string, object?>
    {
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            return declaring.IsNil
                ? Qualify(reader.GetString(type.Namespace), reader.GetString(type.Name))
                : GetTypeFromDefinition(reader, declaring, rawTypeKind) + "+" + reader.GetString(type.Name);
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind) + "+" + reader.GetString(type.Name)
                : Qualify(reader.GetString(type.Namespace), reader.GetString(type.Name));
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
    }
}

/// <summary>What the compiler emitted for one compilation.</summary>
/// <param name="Hoisted">Display-class and state-machine fields that hold user variables.</param>
/// <param name="StaticFields">Every static field of every source type, keyed "Namespace.Type.Field" with nested
/// types joined by '+' ("N.Outer+Inner.F") and metadata field names (auto-property: "N.C.&lt;P&gt;k__BackingField").
/// Consts and enum members are listed as NotStored.</param>
/// <param name="Locals">User variables that are real IL locals, from the PDB (display-class holders excluded). Release
/// keeps short-lived locals on the evaluation stack: those are neither here nor in Hoisted.</param>
public sealed record EmittedFacts(
    CSharpCompilation Compilation,
    IReadOnlyList<IlAllocation> Allocations,
    IReadOnlyList<HoistedVariable> Hoisted,
    IReadOnlyDictionary<string, StaticInit> StaticFields,
    IReadOnlyList<PdbLocal> Locals)
{
    /// <summary>One fact per line (records print their lists' type names otherwise), for test output.</summary>
    public override string ToString() => string.Join("\n", Allocations.Select(a => a.ToString())
        .Concat(Hoisted.Select(h => h.ToString()))
        .Concat(StaticFields.Select(s => $"static {s.Key} = {s.Value}"))
        .Concat(Locals.Select(l => l.ToString())));
}

/// <param name="Cached">The delegate goes straight into a compiler cache field: it is allocated once, not per call.</param>
public sealed record IlAllocation(int Line, IlAllocationKind Kind, string TypeName, string Method, bool Cached);

public enum IlAllocationKind
{
    /// <summary>newobj of a class.</summary>
    Object,

    /// <summary>newarr (TypeName = element type), or newobj of a multi-dimensional array.</summary>
    Array,

    /// <summary>box (TypeName = boxed type). A constrained. call that boxes at run time has no box and is not reported.</summary>
    Boxing,

    /// <summary>newobj of a &lt;&gt;c__DisplayClass.</summary>
    Closure,

    /// <summary>newobj of a delegate type.</summary>
    Delegate,

    /// <summary>newobj of an async method's state machine (a class only in Debug; a struct in Release).</summary>
    StateMachine,

    /// <summary>newobj of a sync or async iterator's state machine (always a class).</summary>
    Iterator,
}

public sealed record HoistedVariable(string Name, string Method, HoistKind Kind);

public enum HoistKind
{
    /// <summary>Field of a class display class (heap). A captured <c>this</c> is reported as "this".</summary>
    DisplayClass,

    /// <summary>Field of a struct display class (local functions not turned into delegates): stays on the stack.</summary>
    StructClosure,

    /// <summary>"&lt;x&gt;5__N" field of a state machine.</summary>
    StateMachineLocal,

    /// <summary>"x" or "&lt;&gt;3__x" field of a state machine.</summary>
    StateMachineParameter,
}

public enum StaticInit
{
    /// <summary>The .cctor never writes it (no initializer, or a const).</summary>
    NotStored,

    /// <summary>Every .cctor write stores all-zero bytes (0, null, false, default(T)).</summary>
    Default,

    /// <summary>Some .cctor write stores a value that is not all-zero bytes.</summary>
    NonDefault,
}

/// <param name="Method">User-facing method, as for <see cref="IlAllocation.Method"/>.</param>
public sealed record PdbLocal(string Name, string Method);
