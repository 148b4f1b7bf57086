using Amazon.Runtime;

namespace DataLoader.Cli;

/// <summary>What the command runs against: output streams, environment variables, and test seams.</summary>
public sealed record LoaderEnvironment
{
    /// <summary>Results: the URIs written, one per line.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Logs, progress and the error line.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when stderr is a terminal: progress bars instead of log lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Explicit S3 credentials; null uses the SDK's default chain.</summary>
    public AWSCredentials? S3Credentials { get; init; }

    /// <summary>Base delay of retry backoff; shortened by tests.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock stamped into the manifest.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The real console.</summary>
    public static LoaderEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Interactive = !Console.IsErrorRedirected,
    };
}
