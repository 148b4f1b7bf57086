using System.CommandLine;

namespace MnistEmr.DataLoader.Cli;

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
internal sealed record LoaderSettings(
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

    /// <summary>Resolves and validates the settings from the parsed options (each already falls back to its variable).</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> for a missing or invalid value.</exception>
    public static LoaderSettings Resolve(ParseResult parseResult, LoaderOptions options)
    {
        if (options.VariableProblem() is { } problem)
        {
            throw ToolException.Usage(problem);
        }

        string? Text(Option<string?> option) => NullIfBlank(parseResult.GetValue(option));

        var target = Text(options.Target)
            ?? throw ToolException.Usage($"--target is required (or set {LoaderOptions.TargetVariable})");
        var mirrors = parseResult.GetValue(options.Mirror) ?? [];
        foreach (var mirror in mirrors)
        {
            if (DatasetDefinitionValidator.MirrorProblem(mirror) is { } mirrorProblem)
            {
                throw ToolException.Usage($"--mirror: {mirrorProblem}");
            }
        }

        var endpointText = Text(options.Endpoint);
        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw ToolException.Usage($"--endpoint '{endpointText}' is not an absolute http or https URL");
        }

        var timeout = InRange(parseResult.GetValue(options.Timeout), "--timeout", 1, S3Settings.MaxTimeoutSeconds);
        var retries = InRange(parseResult.GetValue(options.Retries), "--retries", 0, 10);
        return new LoaderSettings(
            StoreLocation.Parse(target, "--target"),
            Text(options.Dataset) ?? DefaultDatasetPath,
            mirrors,
            endpoint,
            Text(options.Region),
            TimeSpan.FromSeconds(timeout ?? LoaderOptions.DefaultTimeoutSeconds),
            retries ?? LoaderOptions.DefaultRetries,
            TimeSpan.FromSeconds(timeout ?? S3Settings.DefaultTimeoutSeconds),
            retries ?? S3Settings.DefaultRetries);
    }

    /// <summary>The value given by option or variable, checked; null when neither gives one.</summary>
    private static int? InRange(int? value, string name, int min, int max) =>
        value is { } given && (given < min || given > max)
            ? throw ToolException.Usage($"{name} must be between {min} and {max}, got {given}")
            : value;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
