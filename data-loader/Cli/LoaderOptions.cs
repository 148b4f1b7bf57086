using System.CommandLine;

namespace MnistEmr.DataLoader.Cli;

/// <summary>
/// The command-line options, each declared once with its environment fallback (<see cref="EnvironmentFallback"/>):
/// an option on the command line wins over its variable, the variable over the default (see
/// <see cref="LoaderSettings"/>). A variable that does not convert is refused when the load starts, as a usage error
/// in the loader's wording (<see cref="LoaderSettings.Resolve"/>), not while parsing.
/// </summary>
internal sealed class LoaderOptions
{
    private readonly OptionTable table;

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
    public static readonly string MirrorsVariable = EnvironmentFallback.ListVariableOf(VariablePart, "--mirror");

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

    /// <summary>Declares the options, each with its variable read through <paramref name="getVariable"/>.</summary>
    /// <param name="getVariable">Reads an environment variable (<see cref="ToolEnvironment.GetVariable"/>).</param>
    public LoaderOptions(Func<string, string?> getVariable)
    {
        // A variable that does not convert is refused when the load starts, in the loader's wording (VariableProblem).
        table = new OptionTable(VariablePart, getVariable, refuseWhileParsing: false);
        Target = table.Add(new Option<string?>("--target")
        {
            Description = $"Where to write the dataset: {StoreLocation.Accepted}. Required.",
            HelpName = "uri",
        });
        Dataset = table.Add(new Option<string?>("--dataset")
        {
            Description = "Dataset definition JSON (files, sizes, SHA-256s, IDX shapes, mirrors). "
                + "[default: datasets/mnist.json beside the executable]",
            HelpName = "path",
        });
        Mirror = table.Add(new Option<string[]>("--mirror")
        {
            Description = "Mirror base URL (http, https or file), tried in order; repeat for several. Replaces the "
                + "definition's mirrors; its variable holds them space- or comma-separated.",
            HelpName = "url",
            AllowMultipleArgumentsPerToken = false,
        });
        Endpoint = table.Add(new Option<string?>("--endpoint")
        {
            Description = "S3-compatible endpoint URL (e.g. http://127.0.0.1:4568), used with path-style addressing. "
                + "[default: AWS]",
            HelpName = "url",
        });
        Region = table.Add(new Option<string?>("--region")
        {
            Description = "AWS region of the bucket. [default: the SDK chain: AWS_REGION, profile; us-east-1 with --endpoint]",
            HelpName = "name",
        });
        Timeout = table.Add(new Option<int?>("--timeout")
        {
            Description = "Timeout in seconds for each mirror download attempt and each S3 request; a timeout is an error. "
                + $"[default: {DefaultTimeoutSeconds} per download, {S3Settings.DefaultTimeoutSeconds} per S3 request]",
            HelpName = "seconds",
        });
        Retries = table.Add(new Option<int?>("--retries")
        {
            Description = "Retries of transient failures (HTTP 5xx/408/429, timeouts, dropped connections) per mirror and "
                + $"per S3 request, with exponential backoff. [default: {DefaultRetries} per mirror, {S3Settings.DefaultRetries} per S3 request]",
            HelpName = "count",
        });
        Verbose = table.Add(new Option<bool>("--verbose")
        {
            Description = "Print stack traces with errors.",
        });
    }

    /// <summary>Where the dataset goes.</summary>
    public Option<string?> Target { get; }

    /// <summary>The dataset definition file.</summary>
    public Option<string?> Dataset { get; }

    /// <summary>Mirror base URLs overriding the definition's.</summary>
    public Option<string[]> Mirror { get; }

    /// <summary>S3-compatible endpoint.</summary>
    public Option<string?> Endpoint { get; }

    /// <summary>AWS region.</summary>
    public Option<string?> Region { get; }

    /// <summary>Per-request timeout.</summary>
    public Option<int?> Timeout { get; }

    /// <summary>Retries of transient failures.</summary>
    public Option<int?> Retries { get; }

    /// <summary>Stack traces on failure.</summary>
    public Option<bool> Verbose { get; }

    /// <summary>Every option, in the order of the help.</summary>
    public IReadOnlyList<Option> All => table.All;

    /// <summary>
    /// The first variable behind an option that does not convert to the option's type, as a usage error in the
    /// loader's wording ("MNIST_LOADER_TIMEOUT must be a whole number (or unset); got 'soon'"), or null.
    /// </summary>
    public string? VariableProblem() => table.FirstProblem() is { } problem
        ? $"{problem.Variable} must be {problem.Expected} (or unset); got '{problem.Text}'"
        : null;
}
