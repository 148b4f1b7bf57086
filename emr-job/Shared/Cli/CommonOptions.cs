namespace MnistEmr.Job.Shared.Cli;

/// <summary>
/// The options every command takes: storage access and verbosity, each with its environment fallback
/// (<c>MNIST_JOB_ENDPOINT</c>, <c>MNIST_JOB_REGION</c>, <c>MNIST_JOB_TIMEOUT</c>, <c>MNIST_JOB_RETRIES</c>,
/// <c>MNIST_JOB_VERBOSE</c>: <see cref="EnvironmentFallback"/>).
/// </summary>
/// <param name="environment">Where the fallbacks are read.</param>
/// <param name="tool">The executable's name, for the host's log files: the job's unless another tool (the developer
/// tool mnist-emr-bench) builds its commands on these options.</param>
/// <param name="variablePart">The tool's part of its variables' names (<see cref="VariablePart"/> for the job).</param>
internal sealed class CommonOptions(ToolEnvironment environment, string tool = JobCli.ToolName, string variablePart = CommonOptions.VariablePart)
{
    /// <summary>The job's part of its variables' names.</summary>
    public const string VariablePart = "JOB";

    /// <summary>What a cancelled command that writes shards or runs left: re-running it finishes them.</summary>
    private const string RerunToFinish = "re-run to finish (shards rewrite the same keys)";

    /// <summary>Print the stack trace after an error line.</summary>
    public Option<bool> Verbose { get; } = new Option<bool>("--verbose") { Description = "Print the stack trace after an error." }
        .FromEnvironment(variablePart, environment.GetVariable);

    /// <summary>An S3-compatible endpoint.</summary>
    public Option<string?> Endpoint { get; } = new Option<string?>("--endpoint")
    {
        Description = "S3-compatible endpoint URL (path-style addressing), e.g. http://127.0.0.1:4568. [default: AWS]",
        HelpName = "url",
    }.FromEnvironment(variablePart, environment.GetVariable);

    /// <summary>The bucket region.</summary>
    public Option<string?> Region { get; } = new Option<string?>("--region")
    {
        Description = "Bucket region. [default: AWS_REGION or profile; us-east-1 with --endpoint]",
    }.FromEnvironment(variablePart, environment.GetVariable);

    /// <summary>Per-request timeout.</summary>
    public Option<int> Timeout { get; } = new Option<int>("--timeout")
    {
        Description = $"Seconds per S3 request, 1 to {S3Settings.MaxTimeoutSeconds}.",
        DefaultValueFactory = _ => S3Settings.DefaultTimeoutSeconds,
    }.FromEnvironment(variablePart, environment.GetVariable)
        .Check(seconds => seconds is >= 1 and <= S3Settings.MaxTimeoutSeconds ? null : $"--timeout must be from 1 to {S3Settings.MaxTimeoutSeconds} seconds, not {seconds}");

    /// <summary>SDK retries.</summary>
    public Option<int> Retries { get; } = new Option<int>("--retries")
    {
        Description = $"Retries of transient S3 failures, 0 to {S3Settings.MaxRetries} (adaptive mode: backoff and a client-side rate limit after throttling).",
        DefaultValueFactory = _ => S3Settings.DefaultRetries,
    }.FromEnvironment(variablePart, environment.GetVariable)
        .Check(retries => retries is >= 0 and <= S3Settings.MaxRetries ? null : $"--retries must be from 0 to {S3Settings.MaxRetries}, not {retries}");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
        command.Options.Add(Timeout);
        command.Options.Add(Retries);
        command.Options.Add(Verbose);
    }

    /// <summary>
    /// Runs a command's <paramref name="body"/> in the shared host: its log, its one error line and exit code. A
    /// cancelled stage is finished by running it again: shards and runs rewrite the same keys. A command that writes
    /// no shards says what a cancelled run of it left in <paramref name="whenCancelled"/>.
    /// </summary>
    public Task<int> RunAsync(
        ParseResult parse,
        ToolEnvironment environment,
        Func<IToolLog, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        string whenCancelled = RerunToFinish) =>
        new ToolHost(tool, environment).RunAsync(
            parse.CommandResult.Command.Name,
            parse.GetValue(Verbose),
            body,
            cancellationToken,
            whenCancelled: whenCancelled);

    /// <summary>
    /// Adds these options to <paramref name="command"/>, after its own, and makes <paramref name="body"/> its action,
    /// run by <see cref="RunAsync"/> in the shared host; returns the command.
    /// </summary>
    public Command Bind(
        Command command,
        ToolEnvironment environment,
        Func<ParseResult, IToolLog, CancellationToken, Task<int>> body,
        string whenCancelled = RerunToFinish)
    {
        AddTo(command);
        command.SetAction((parse, token) => RunAsync(parse, environment, (log, cancellationToken) => body(parse, log, cancellationToken), token, whenCancelled));
        return command;
    }

    /// <summary>The S3 settings given on the command line.</summary>
    public S3Settings S3(ParseResult parse, ToolEnvironment environment)
    {
        var endpointText = parse.GetValue(Endpoint);
        Uri? endpoint = null;
        if (endpointText is not null
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw ToolException.Usage($"--endpoint '{endpointText}' is not an http(s) URL");
        }

        // --timeout and --retries were checked while parsing (OptionChecks).
        return new S3Settings(endpoint, parse.GetValue(Region), TimeSpan.FromSeconds(parse.GetValue(Timeout)), parse.GetValue(Retries), environment.S3Credentials);
    }
}
