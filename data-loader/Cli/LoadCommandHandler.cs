using System.CommandLine;
using DataLoader.Core;
using DataLoader.Io;
using Spectre.Console;

namespace DataLoader.Cli;

/// <summary>
/// Runs the load for a parsed command line: builds the clients, drives <see cref="DatasetLoader"/>, prints results to
/// stdout and any failure as one line on stderr, and maps the outcome to an <see cref="ExitCode"/>.
/// </summary>
public sealed class LoadCommandHandler(LoaderEnvironment environment)
{
    /// <summary>Plain-mode progress lines are at most this frequent, to keep Terraform's output readable.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs and returns the process exit code.</summary>
    public async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var verbose = LoaderSettings.IsVerbose(parseResult, environment.GetVariable);
        try
        {
            var settings = LoaderSettings.Resolve(parseResult, environment.GetVariable);
            var definition = await ReadDefinitionAsync(settings.DatasetPath, cancellationToken);
            var mirrors = settings.Mirrors.Count > 0 ? settings.Mirrors : definition.Mirrors;
            using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("mnist-data-loader/1.0");
            var mirrorClient = new SchemeMirrorClient(
                new HttpMirrorClient(http, settings.Timeout, settings.Retries, environment.RetryDelay),
                new FileMirrorClient());
            using var s3 = settings.Target is S3TargetLocation
                ? S3ClientFactory.Create(settings.Endpoint, settings.Region, settings.Timeout, settings.Retries, environment.S3Credentials)
                : null;
            IDatasetTarget target = settings.Target switch
            {
                S3TargetLocation location => new S3DatasetTarget(s3!, location, settings.Timeout),
                LocalTargetLocation location => new LocalFolderTarget(location),
                _ => throw new InvalidOperationException($"unknown target {settings.Target}"),
            };

            var result = await WithReporterAsync(
                reporter => new DatasetLoader(mirrorClient, target, reporter, environment.Clock)
                    .LoadAsync(definition, mirrors, cancellationToken));
            foreach (var uri in result.FileUris)
            {
                await environment.Out.WriteLineAsync(uri);
            }

            await environment.Out.WriteLineAsync(result.ManifestUri);
            return (int)ExitCode.Success;
        }
        catch (LoaderException ex)
        {
            return Fail(ex.ExitCode, ex.Message, ex, verbose);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ExitCode.Cancelled, "cancelled; no partial file was left at the target, run again to complete", ex, verbose);
        }
        catch (Exception ex)
        {
            return Fail(ExitCode.UnexpectedError, $"unexpected {ex.GetType().Name}: {ex.Message}", ex, verbose);
        }
    }

    private static async Task<DatasetDefinition> ReadDefinitionAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LoaderException.Usage($"cannot read dataset definition {path}: {ex.Message}");
        }

        return DatasetDefinitionParser.Parse(json, path);
    }

    private async Task<LoadResult> WithReporterAsync(Func<ILoadReporter, Task<LoadResult>> run)
    {
        if (!environment.Interactive)
        {
            return await run(new PlainLoadReporter(environment.Error, ProgressInterval));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn())
            .StartAsync(context => run(new SpectreLoadReporter(console, context)));
    }

    private int Fail(ExitCode code, string message, Exception exception, bool verbose)
    {
        // One line, so Terraform's "local-exec provisioner error" shows the whole reason.
        environment.Error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        if (verbose)
        {
            environment.Error.WriteLine(exception.ToString());
        }

        return (int)code;
    }
}
