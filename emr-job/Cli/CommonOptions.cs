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
    public Option<int> Timeout { get; } = new Option<int>("--timeout")
    {
        Description = $"Seconds per S3 request, 1 to {MaxTimeoutSeconds}.",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    }.Check(seconds => seconds is >= 1 and <= MaxTimeoutSeconds ? null : $"--timeout must be from 1 to {MaxTimeoutSeconds} seconds, not {seconds}");

    /// <summary>The longest per-request timeout: an hour, the loader's limit too.</summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>The most SDK retries: with adaptive backoff, more only stretches a hopeless run.</summary>
    public const int MaxRetries = 100;

    /// <summary>Default SDK retries: enough for the adaptive mode to ride out S3's 503 SlowDown while a prefix scales.</summary>
    public const int DefaultRetries = 8;

    /// <summary>SDK retries.</summary>
    public Option<int> Retries { get; } = new Option<int>("--retries")
    {
        Description = $"Retries of transient S3 failures, 0 to {MaxRetries} (adaptive mode: backoff and a client-side rate limit after throttling).",
        DefaultValueFactory = _ => DefaultRetries,
    }.Check(retries => retries is >= 0 and <= MaxRetries ? null : $"--retries must be from 0 to {MaxRetries}, not {retries}");

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

        // --timeout and --retries were checked while parsing (OptionChecks).
        return new S3Settings(endpoint, parse.GetValue(Region), TimeSpan.FromSeconds(parse.GetValue(Timeout)), parse.GetValue(Retries), environment.S3Credentials);
    }
}
