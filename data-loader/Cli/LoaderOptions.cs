using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;

namespace DataLoader.Cli;

/// <summary>
/// The command-line options. Values are optional at parse time: each falls back to its environment variable, then
/// its default (see <see cref="LoaderSettings"/>).
/// </summary>
public static class LoaderOptions
{
    /// <summary>The loader's part of its variables' names (<see cref="EnvironmentFallback"/>: one scheme for every tool).</summary>
    public const string VariablePart = "LOADER";

    /// <summary>Environment variable behind <see cref="Target"/>.</summary>
    public static readonly string TargetVariable = EnvironmentFallback.VariableOf(VariablePart, "--target");

    /// <summary>Environment variable behind <see cref="Dataset"/>.</summary>
    public static readonly string DatasetVariable = EnvironmentFallback.VariableOf(VariablePart, "--dataset");

    /// <summary>
    /// Environment variable behind <see cref="Mirror"/> (whitespace- or comma-separated): the scheme's name in the
    /// plural, as a repeatable option's variable holds a list.
    /// </summary>
    public static readonly string MirrorsVariable = EnvironmentFallback.VariableOf(VariablePart, "--mirror") + "S";

    /// <summary>Environment variable behind <see cref="Endpoint"/>.</summary>
    public static readonly string EndpointVariable = EnvironmentFallback.VariableOf(VariablePart, "--endpoint");

    /// <summary>Environment variable behind <see cref="Region"/>.</summary>
    public static readonly string RegionVariable = EnvironmentFallback.VariableOf(VariablePart, "--region");

    /// <summary>Environment variable behind <see cref="Timeout"/>.</summary>
    public static readonly string TimeoutVariable = EnvironmentFallback.VariableOf(VariablePart, "--timeout");

    /// <summary>Environment variable behind <see cref="Retries"/>.</summary>
    public static readonly string RetriesVariable = EnvironmentFallback.VariableOf(VariablePart, "--retries");

    /// <summary>Environment variable behind <see cref="Verbose"/> (1 or true).</summary>
    public static readonly string VerboseVariable = EnvironmentFallback.VariableOf(VariablePart, "--verbose");

    /// <summary>Default timeout of a mirror download attempt in seconds (S3 requests: the tools' shared default).</summary>
    public const int DefaultTimeoutSeconds = 120;

    /// <summary>Default retries of a mirror download (S3 requests: the tools' shared default).</summary>
    public const int DefaultRetries = 3;

    /// <summary>Where the dataset goes.</summary>
    public static readonly Option<string?> Target = new("--target")
    {
        Description = $"Where to write the dataset: {StoreLocation.Accepted}. "
            + $"Required. [env: {TargetVariable}]",
        HelpName = "uri",
    };

    /// <summary>The dataset definition file.</summary>
    public static readonly Option<string?> Dataset = new("--dataset")
    {
        Description = "Dataset definition JSON (files, sizes, SHA-256s, IDX shapes, mirrors). "
            + $"[default: datasets/mnist.json beside the executable] [env: {DatasetVariable}]",
        HelpName = "path",
    };

    /// <summary>Mirror base URLs overriding the definition's.</summary>
    public static readonly Option<string[]> Mirror = new("--mirror")
    {
        Description = "Mirror base URL (http, https or file), tried in order; repeat for several. Replaces the "
            + $"definition's mirrors. [env: {MirrorsVariable}, space- or comma-separated]",
        HelpName = "url",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>S3-compatible endpoint.</summary>
    public static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "S3-compatible endpoint URL (e.g. http://127.0.0.1:4568), used with path-style addressing. "
            + $"[default: AWS] [env: {EndpointVariable}]",
        HelpName = "url",
    };

    /// <summary>AWS region.</summary>
    public static readonly Option<string?> Region = new("--region")
    {
        Description = "AWS region of the bucket. [default: the SDK chain: AWS_REGION, profile; us-east-1 with --endpoint] "
            + $"[env: {RegionVariable}]",
        HelpName = "name",
    };

    /// <summary>Per-request timeout.</summary>
    public static readonly Option<int?> Timeout = new("--timeout")
    {
        Description = "Timeout in seconds for each mirror download attempt and each S3 request; a timeout is an error. "
            + $"[default: {DefaultTimeoutSeconds} per download, {S3Settings.DefaultTimeoutSeconds} per S3 request] [env: {TimeoutVariable}]",
        HelpName = "seconds",
    };

    /// <summary>Retries of transient failures.</summary>
    public static readonly Option<int?> Retries = new("--retries")
    {
        Description = "Retries of transient failures (HTTP 5xx/408/429, timeouts, dropped connections) per mirror and "
            + $"per S3 request, with exponential backoff. [default: {DefaultRetries} per mirror, {S3Settings.DefaultRetries} per S3 request] [env: {RetriesVariable}]",
        HelpName = "count",
    };

    /// <summary>Stack traces on failure.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = $"Print stack traces with errors. [env: {VerboseVariable}]",
    };
}
