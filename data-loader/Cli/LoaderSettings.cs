using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.SourceData;
using MnistEmr.Common.Storage;

namespace DataLoader.Cli;

/// <summary>The validated settings of one run: option, else environment variable, else default.</summary>
/// <param name="Target">Where the dataset goes.</param>
/// <param name="DatasetPath">The dataset definition file.</param>
/// <param name="Mirrors">Mirror overrides; empty means the definition's.</param>
/// <param name="Endpoint">S3-compatible endpoint, or null for AWS.</param>
/// <param name="Region">AWS region, or null for the SDK chain.</param>
/// <param name="Timeout">Per-attempt timeout of a mirror download.</param>
/// <param name="Retries">Retries of a mirror download's transient failures.</param>
/// <param name="S3Timeout">Per-request S3 timeout: <paramref name="Timeout"/> when given, else the tools' shared S3 default.</param>
/// <param name="S3Retries">S3 retries: <paramref name="Retries"/> when given, else the tools' shared S3 default.</param>
public sealed record LoaderSettings(
    StoreLocation Target,
    string DatasetPath,
    IReadOnlyList<string> Mirrors,
    Uri? Endpoint,
    string? Region,
    TimeSpan Timeout,
    int Retries,
    TimeSpan S3Timeout,
    int S3Retries)
{
    /// <summary>The bundled definition, copied beside the executable.</summary>
    public static string DefaultDatasetPath => Path.Combine(AppContext.BaseDirectory, "datasets", "mnist.json");

    /// <summary>Resolves and validates the settings.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> for a missing or invalid value.</exception>
    public static LoaderSettings Resolve(ParseResult parseResult, Func<string, string?> getVariable)
    {
        string? Text(Option<string?> option, string variable) =>
            NullIfBlank(parseResult.GetValue(option)) ?? NullIfBlank(getVariable(variable));

        if (VerboseFrom(getVariable(LoaderOptions.VerboseVariable)) is null)
        {
            throw ToolException.Usage(
                $"{LoaderOptions.VerboseVariable} must be 1, true, 0 or false (or unset); got '{getVariable(LoaderOptions.VerboseVariable)}'");
        }

        var target = Text(LoaderOptions.Target, LoaderOptions.TargetVariable)
            ?? throw ToolException.Usage($"--target is required (or set {LoaderOptions.TargetVariable})");
        var mirrors = parseResult.GetValue(LoaderOptions.Mirror) is { Length: > 0 } given
            ? given
            : (getVariable(LoaderOptions.MirrorsVariable) ?? string.Empty)
                .Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var mirror in mirrors)
        {
            if (DatasetDefinitionValidator.MirrorProblem(mirror) is { } problem)
            {
                throw ToolException.Usage($"--mirror: {problem}");
            }
        }

        var endpointText = Text(LoaderOptions.Endpoint, LoaderOptions.EndpointVariable);
        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw ToolException.Usage($"--endpoint '{endpointText}' is not an absolute http or https URL");
        }

        var timeout = Number(parseResult.GetValue(LoaderOptions.Timeout), getVariable(LoaderOptions.TimeoutVariable),
            "--timeout", 1, S3Settings.MaxTimeoutSeconds);
        var retries = Number(parseResult.GetValue(LoaderOptions.Retries), getVariable(LoaderOptions.RetriesVariable),
            "--retries", 0, 10);
        return new LoaderSettings(
            StoreLocation.Parse(target, "--target"),
            Text(LoaderOptions.Dataset, LoaderOptions.DatasetVariable) ?? DefaultDatasetPath,
            mirrors,
            endpoint,
            Text(LoaderOptions.Region, LoaderOptions.RegionVariable),
            TimeSpan.FromSeconds(timeout ?? LoaderOptions.DefaultTimeoutSeconds),
            retries ?? LoaderOptions.DefaultRetries,
            TimeSpan.FromSeconds(timeout ?? S3Settings.DefaultTimeoutSeconds),
            retries ?? S3Settings.DefaultRetries);
    }

    /// <summary>
    /// True when --verbose is given or its environment variable is 1 or true. Lenient, because it decides how the
    /// error of a bad value is printed; <see cref="Resolve"/> refuses a value that is neither (exit 2).
    /// </summary>
    public static bool IsVerbose(ParseResult parseResult, Func<string, string?> getVariable) =>
        parseResult.GetValue(LoaderOptions.Verbose) || VerboseFrom(getVariable(LoaderOptions.VerboseVariable)) == true;

    /// <summary>The verbose variable's value: 1 or true (any case) on, 0, false or blank off, anything else null.</summary>
    private static bool? VerboseFrom(string? text) => NullIfBlank(text)?.ToLowerInvariant() switch
    {
        null or "0" or "false" => false,
        "1" or "true" => true,
        _ => null,
    };

    /// <summary>The value given by option or variable, checked; null when neither gives one.</summary>
    private static int? Number(int? given, string? variable, string name, int min, int max)
    {
        int value;
        if (given is { } fromOption)
        {
            value = fromOption;
        }
        else if (NullIfBlank(variable) is { } text)
        {
            if (!int.TryParse(text, out value))
            {
                throw ToolException.Usage($"{name}: '{text}' from the environment is not a whole number");
            }
        }
        else
        {
            return null;
        }

        if (value < min || value > max)
        {
            throw ToolException.Usage($"{name} must be between {min} and {max}, got {value}");
        }

        return value;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
