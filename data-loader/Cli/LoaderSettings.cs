using System.CommandLine;
using DataLoader.Core;

namespace DataLoader.Cli;

/// <summary>The validated settings of one run: option, else environment variable, else default.</summary>
/// <param name="Target">Where the dataset goes.</param>
/// <param name="DatasetPath">The dataset definition file.</param>
/// <param name="Mirrors">Mirror overrides; empty means the definition's.</param>
/// <param name="Endpoint">S3-compatible endpoint, or null for AWS.</param>
/// <param name="Region">AWS region, or null for the SDK chain.</param>
/// <param name="Timeout">Per-request timeout.</param>
/// <param name="Retries">Retries of transient failures.</param>
public sealed record LoaderSettings(
    TargetLocation Target,
    string DatasetPath,
    IReadOnlyList<string> Mirrors,
    Uri? Endpoint,
    string? Region,
    TimeSpan Timeout,
    int Retries)
{
    /// <summary>The bundled definition, copied beside the executable.</summary>
    public static string DefaultDatasetPath => Path.Combine(AppContext.BaseDirectory, "datasets", "mnist.json");

    /// <summary>Resolves and validates the settings.</summary>
    /// <exception cref="LoaderException">With <see cref="ExitCode.UsageError"/> for a missing or invalid value.</exception>
    public static LoaderSettings Resolve(ParseResult parseResult, Func<string, string?> getVariable)
    {
        string? Text(Option<string?> option, string variable) =>
            NullIfBlank(parseResult.GetValue(option)) ?? NullIfBlank(getVariable(variable));

        if (VerboseFrom(getVariable(LoaderOptions.VerboseVariable)) is null)
        {
            throw LoaderException.Usage(
                $"{LoaderOptions.VerboseVariable} must be 1, true, 0 or false (or unset); got '{getVariable(LoaderOptions.VerboseVariable)}'");
        }

        var target = Text(LoaderOptions.Target, LoaderOptions.TargetVariable)
            ?? throw LoaderException.Usage($"--target is required (or set {LoaderOptions.TargetVariable})");
        var mirrors = parseResult.GetValue(LoaderOptions.Mirror) is { Length: > 0 } given
            ? given
            : (getVariable(LoaderOptions.MirrorsVariable) ?? string.Empty)
                .Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var mirror in mirrors)
        {
            if (DatasetDefinitionValidator.MirrorProblem(mirror) is { } problem)
            {
                throw LoaderException.Usage($"--mirror: {problem}");
            }
        }

        var endpointText = Text(LoaderOptions.Endpoint, LoaderOptions.EndpointVariable);
        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw LoaderException.Usage($"--endpoint '{endpointText}' is not an absolute http or https URL");
        }

        var timeout = Number(parseResult.GetValue(LoaderOptions.Timeout), getVariable(LoaderOptions.TimeoutVariable),
            "--timeout", LoaderOptions.DefaultTimeoutSeconds, 1, 3600);
        var retries = Number(parseResult.GetValue(LoaderOptions.Retries), getVariable(LoaderOptions.RetriesVariable),
            "--retries", LoaderOptions.DefaultRetries, 0, 10);
        return new LoaderSettings(
            TargetLocation.Parse(target),
            Text(LoaderOptions.Dataset, LoaderOptions.DatasetVariable) ?? DefaultDatasetPath,
            mirrors,
            endpoint,
            Text(LoaderOptions.Region, LoaderOptions.RegionVariable),
            TimeSpan.FromSeconds(timeout),
            retries);
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

    private static int Number(int? given, string? variable, string name, int fallback, int min, int max)
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
                throw LoaderException.Usage($"{name}: '{text}' from the environment is not a whole number");
            }
        }
        else
        {
            value = fallback;
        }

        if (value < min || value > max)
        {
            throw LoaderException.Usage($"{name} must be between {min} and {max}, got {value}");
        }

        return value;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
