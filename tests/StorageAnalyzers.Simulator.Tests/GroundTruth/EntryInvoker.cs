using System.Reflection;

namespace StorageAnalyzers.Simulator.Tests.GroundTruth;

/// <summary>
/// Calls a static entry point of a built sample through a delegate of its exact signature, so that the call itself
/// allocates nothing and adds no reflection frames (<c>MethodInfo.Invoke</c> would box the result and allocate).
/// </summary>
internal static class EntryInvoker
{
    public static MethodInfo Find(string assemblyPath, string typeName, string methodName)
    {
        var assembly = Assembly.LoadFrom(assemblyPath);
        var type = assembly.GetType(typeName, throwOnError: true)!;
        return type.GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(typeName, methodName);
    }

    /// <summary>An action that runs the entry once. <c>Main(string[] args)</c> gets an empty array.</summary>
    public static Action For(MethodInfo method)
    {
        var parameters = method.GetParameters();
        if (parameters.Length == 1 && parameters[0].ParameterType == typeof(string[]))
        {
            var main = method.CreateDelegate<Action<string[]>>();
            string[] none = [];
            return () => main(none);
        }
        if (parameters.Length != 0) throw new ArgumentException($"{method.Name} takes parameters; entries under test take none.");
        var returns = method.ReturnType;
        if (returns == typeof(void)) return method.CreateDelegate<Action>();
        if (!returns.IsValueType)
        {
            var function = method.CreateDelegate<Func<object>>();
            return () => function();
        }
        if (returns == typeof(double))
        {
            var function = method.CreateDelegate<Func<double>>();
            return () => function();
        }
        if (returns == typeof(ulong))
        {
            var function = method.CreateDelegate<Func<ulong>>();
            return () => function();
        }
        throw new ArgumentException($"{method.Name} returns {returns}: add a delegate for it here.");
    }
}
