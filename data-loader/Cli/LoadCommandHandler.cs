using System.CommandLine;
using MnistEmr.DataLoader.Io;

namespace MnistEmr.DataLoader.Cli;

/// <summary>
/// Runs the load for a parsed command line: builds the clients, drives <see cref="DatasetLoader"/> and prints results
/// to stdout; the shared <see cref="ToolHost"/> turns any failure into one line on stderr and its <see cref="ExitCode"/>.
/// </summary>
/// <param name="host">Runs the load and turns a failure into its line and exit code.</param>
/// <param name="options">The options the command line was parsed with.</param>
internal sealed class LoadCommandHandler(ToolHost host, LoaderOptions options)
{
    /// <summary>Runs and returns the process exit code.</summary>
    public Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var environment = host.Environment;
        return host.RunAsync(
            "load",
            // A variable that is neither on nor off reads as off here; Resolve refuses it before any work.
            parseResult.GetValue(options.Verbose),
            async (log, cancel) =>
            {
                var settings = LoaderSettings.Resolve(parseResult, options);
                var definition = await ReadDefinitionAsync(settings.DatasetPath, cancel);
                var mirrors = settings.Mirrors.Count > 0 ? settings.Mirrors : definition.Mirrors;
                using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
                http.DefaultRequestHeaders.UserAgent.ParseAdd("mnist-data-loader/1.0");
                var mirrorClient = new SchemeMirrorClient(
                    new HttpMirrorClient(http, settings.Timeout, settings.Retries, environment.RetryDelay),
                    new FileMirrorClient());
                using var stores = new ObjectStoreFactory(
                    new S3Settings(settings.Endpoint, settings.Region, settings.S3Timeout, settings.S3Retries, environment.S3Credentials));
                var target = stores.Open(settings.Target);
                // Results name files as URIs: file:// for a folder, so a program can read them back whatever its folder.
                Func<string, string>? resultUri = settings.Target is FolderStoreLocation folder ? folder.FileUriFor : null;

                var result = await new DatasetLoader(mirrorClient, target, log, environment.Clock, resultUri)
                    .LoadAsync(definition, mirrors, cancel);
                foreach (var uri in result.FileUris)
                {
                    await environment.Out.WriteLineAsync(uri);
                }

                await environment.Out.WriteLineAsync(result.ManifestUri);
                return (int)ExitCode.Success;
            },
            cancellationToken,
            ProgressUnit.Bytes,
            "no partial file was left at the target, run again to complete");
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
            throw ToolException.Usage($"cannot read dataset definition {path}: {FileErrors.Reason(path, ex)}");
        }

        return DatasetDefinitionParser.Parse(json, path);
    }
}
