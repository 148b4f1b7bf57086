using System.CommandLine;

namespace MnistEmr.DataLoader.Cli;

/// <summary>The command line: the root command wiring and its entry point.</summary>
internal static class LoaderCli
{
    /// <summary>The help text above the options, including the exit codes.</summary>
    public const string Description =
        """
        Downloads a dataset (by default MNIST: four IDX .gz files) from mirrors tried in order, verifies every file
        (size, SHA-256, full gzip decompression, IDX magic, counts and dimensions, images/labels counts agree) and
        only then writes it to S3 or a local folder, with manifest.json last: its presence means the dataset is
        complete. Re-runs skip files already present with matching size and SHA-256.
        Results (the URIs written, manifest last) go to stdout; logs and errors go to stderr.

        Exit codes:
          0    success (also when everything was already present)
          1    unexpected error (a bug)
          2    usage error: bad argument or invalid dataset definition
          3    remote or I/O failure: no mirror served a file, S3 or the target folder failed, timeout
          4    data integrity failure: size, SHA-256, gzip or IDX check failed
          130  cancelled
        """;

    /// <summary>The executable's name.</summary>
    public const string ToolName = "mnist-data-loader";

    /// <summary>Builds the root command bound to <paramref name="host"/>.</summary>
    public static RootCommand CreateCommand(ToolHost host)
    {
        var options = new LoaderOptions(host.Environment.GetVariable);
        var root = new RootCommand(Description);
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        var handler = new LoadCommandHandler(host, options);
        root.SetAction(handler.RunAsync);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs; returns the process exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, ToolEnvironment environment, CancellationToken cancellationToken = default)
    {
        var host = new ToolHost(ToolName, environment);
        return host.InvokeAsync(CreateCommand(host), args, cancellationToken);
    }
}
