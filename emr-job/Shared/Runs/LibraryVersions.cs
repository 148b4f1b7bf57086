using System.Reflection;
using Microsoft.ML.Trainers.LightGbm;

namespace MnistEmr.Job.Shared.Runs;

/// <summary>The versions recorded in model cards.</summary>
internal static class LibraryVersions
{
    /// <summary>The native LightGBM package the project pins (its version is not queryable at run time).</summary>
    public const string NativeLightGbm = "4.7.0";

    /// <summary>Library name to version.</summary>
    public static IReadOnlyDictionary<string, string> All() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["mnist-emr-job"] = Of(typeof(LibraryVersions).Assembly),
        ["Microsoft.ML"] = Of(typeof(MLContext).Assembly),
        ["Microsoft.ML.LightGbm"] = Of(typeof(LightGbmMulticlassTrainer).Assembly),
        ["LightGBM (native)"] = NativeLightGbm,
        [".NET"] = Environment.Version.ToString(),
    };

    private static string Of(Assembly assembly) =>
        (assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];
}
