using MnistEmr.DataLoader.Cli;

namespace MnistEmr.Tests.Shared;

/// <summary>The loader's part of <see cref="CliRun"/>: a fixed clock, short retry delays, and only the variables given.</summary>
public sealed partial record CliRun
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static Task<CliRun> RunAsync(
        string commandLine,
        IReadOnlyDictionary<string, string>? variables = null,
        AWSCredentials? credentials = null,
        CancellationToken cancellationToken = default) =>
        CaptureAsync(
            (args, environment) => LoaderCli.RunAsync(args, environment, cancellationToken),
            commandLine,
            environment => environment with
            {
                GetVariable = name => variables?.GetValueOrDefault(name),
                S3Credentials = credentials ?? S3rverProcess.Credentials,
                RetryDelay = TimeSpan.FromMilliseconds(10),
                Clock = new FixedClock(Now),
            });

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
