using System.CommandLine;
using MnistJob.Core;
using MnistJob.Io;

namespace MnistJob.Cli;

/// <summary>The options every command takes: storage access and verbosity.</summary>
public sealed class CommonOptions
{
    /// <summary>Default per-request S3 timeout in seconds.</summary>
    public const int DefaultTimeoutSeconds = 60;

    /// <summary>Print the stack trace after an error line.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print the stack trace after an error." };

    /// <summary>An S3-compatible endpoint.</summary>
    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = "S3-compatible endpoint URL (path-style addressing), e.g. http://127.0.0.1:4568. [default: AWS]",
        HelpName = "url",
    };

    /// <summary>The bucket region.</summary>
    public Option<string?> Region { get; } = new("--region")
    {
        Description = "Bucket region. [default: AWS_REGION or profile; us-east-1 with --endpoint]",
    };

    /// <summary>Per-request timeout.</summary>
    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds per S3 request.",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    /// <summary>Default SDK retries: enough for the adaptive mode to ride out S3's 503 SlowDown while a prefix scales.</summary>
    public const int DefaultRetries = 8;

    /// <summary>SDK retries.</summary>
    public Option<int> Retries { get; } = new("--retries")
    {
        Description = "Retries of transient S3 failures (adaptive mode: backoff and a client-side rate limit after throttling).",
        DefaultValueFactory = _ => DefaultRetries,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
        command.Options.Add(Timeout);
        command.Options.Add(Retries);
        command.Options.Add(Verbose);
    }

    /// <summary>The S3 settings given on the command line.</summary>
    public S3Settings S3(ParseResult parse, JobEnvironment environment)
    {
        var endpointText = parse.GetValue(Endpoint);
        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw JobException.Usage($"--endpoint '{endpointText}' is not an http(s) URL");
        }

        var timeout = parse.GetValue(Timeout);
        if (timeout < 1)
        {
            throw JobException.Usage($"--timeout must be at least 1 second, not {timeout}");
        }

        return new S3Settings(endpoint, parse.GetValue(Region), TimeSpan.FromSeconds(timeout), Math.Max(0, parse.GetValue(Retries)), environment.S3Credentials);
    }
}
