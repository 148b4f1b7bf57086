namespace MnistEmr.Job.Status;

/// <summary><c>status</c>: what a run's steps have left in S3, read from the objects alone.</summary>
internal static class StatusCommand
{
    /// <summary>The help text.</summary>
    public const string Description =
        """
        Shows what a run has left in S3, step by step: the canary's checks (if present), explode's shards done out of
        expected with digit counts, the model card's headline, the evaluation and the report's headline with its URI,
        the scoring summary (if present), and what is still missing. Reads only (lists and GETs); the EMR step states
        come from the `aws emr list-steps` command it prints.
        Locations: give --format-a, --models and --reports (and --source to check the loader's manifest), or none of
        them inside the repository, to read the deployed stack's Terraform outputs (terraform output -json in
        cdktf.out/stacks/<stack>/, or --stack-dir).
        Run: --run-id; else, with the stack's outputs, the run its steps run (job-<package hash>, from cdk.tf.json),
        which may not have left anything yet; else the run latest.json in S3|4 names (written by train), else
        S3|3's, else the only run found.
        Exit codes: 0 the run is complete; 6 it is not (the missing lines say why); 3 the run does not exist or a
        location cannot be read; 2 a usage error.
        """;

    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var source = StoreOption.Optional("--source", "S3|1, to check the loader's manifest [default: from the stack's outputs, or left out]");
        var formatA = StoreOption.Optional("--format-a", "S3|2, the FORMAT A root [default: from the stack's outputs]");
        var models = StoreOption.Optional("--models", "S3|4 [default: from the stack's outputs]");
        var reports = StoreOption.Optional("--reports", "S3|3 [default: from the stack's outputs]");
        var stackDir = new Option<string?>("--stack-dir")
        {
            Description = "The synthesized stack folder whose Terraform outputs name the buckets. [default: cdktf.out/stacks/<MNIST_EMR_STACK_NAME or mnist-pipeline> of the repository around the current folder]",
            HelpName = "dir",
        };
        var runId = RunIdOption.Existing("The run to show. [default: the latest run]");
        var json = new Option<bool>("--json") { Description = "Print the status as one JSON document (for scripts) instead of the table." };
        var command = new Command("status", Description) { source, formatA, models, reports, stackDir, runId, json };
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var options = new StatusOptions(
                parse.GetValue(source),
                parse.GetValue(formatA),
                parse.GetValue(models),
                parse.GetValue(reports),
                parse.GetValue(stackDir),
                parse.GetValue(runId),
                parse.GetValue(json),
                () => common.S3(parse, environment));
            RunStatus? status = null;
            var code = await common.RunAsync(parse, environment, async (log, cancellationToken) =>
            {
                status = await ReadAsync(options, environment, log, cancellationToken);
                return (int)(status.Complete ? ExitCode.Success : ExitCode.RunIncomplete);
            }, token, whenCancelled: "status only reads: run it again");

            // Written after the host's progress display (on stderr) has finished, so the two never interleave.
            if (status is not null)
            {
                Write(status, options.Json, environment.Out);
            }

            return code;
        });
        return command;
    }

    /// <summary>Writes <paramref name="status"/> as the table, or as one JSON document when <paramref name="json"/>.</summary>
    public static void Write(RunStatus status, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(System.Text.Encoding.UTF8.GetString(JobJson.Serialize(status)));
        }
        else
        {
            StatusTable.Write(TerminalConsole.For(output), status);
        }
    }

    /// <summary>Reads what the run <paramref name="options"/> name has left: the status to show.</summary>
    public static async Task<RunStatus> ReadAsync(StatusOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        var locations = new (string Name, string? Value)[] { ("--format-a", options.FormatA), ("--models", options.Models), ("--reports", options.Reports) };
        var given = locations.Where(l => l.Value is not null).ToList();
        string? clusterId = null;
        string? dashboardUrl = null;
        string? stackRun = null;
        StoreLocation? sourceLocation = options.Source is { } s ? StoreLocation.Parse(s, "--source") : null;
        StoreLocation formatALocation, modelsLocation, reportsLocation;
        if (given.Count == 3)
        {
            formatALocation = StoreLocation.Parse(options.FormatA!, "--format-a");
            modelsLocation = StoreLocation.Parse(options.Models!, "--models");
            reportsLocation = StoreLocation.Parse(options.Reports!, "--reports");
        }
        else if (given.Count == 0)
        {
            var directory = options.StackDir is { } dir
                ? Path.GetFullPath(dir)
                : StackOutputReader.DefaultStackDirectory(Directory.GetCurrentDirectory(), environment.GetVariable);
            log.Info($"reading the stack's outputs: terraform output -json in {directory}");
            var outputs = await StackOutputReader.ReadAsync(directory, environment.GetVariable, cancellationToken);
            StoreLocation Of(PipelineNode node) => StoreLocation.Parse(outputs.Locations[node], StackOutputs.OutputOf(node));
            sourceLocation ??= Of(PipelineNodes.Source);
            formatALocation = Of(PipelineNodes.FormatA);
            modelsLocation = Of(PipelineNodes.Model);
            reportsLocation = Of(PipelineNodes.Report);
            clusterId = outputs.ClusterId;
            dashboardUrl = outputs.DashboardUrl;
            var stackFile = Path.Combine(directory, StackOutputReader.StackFile);
            stackRun = StackOutputReader.RunIdOf(File.Exists(stackFile) ? await File.ReadAllTextAsync(stackFile, cancellationToken) : null);
        }
        else
        {
            var missing = locations.Except(given).Select(l => l.Name);
            throw ToolException.Usage($"give all of --format-a, --models and --reports, or none to read the stack's outputs: {string.Join(" and ", missing)} missing");
        }

        using var stores = new ObjectStoreFactory(options.S3());
        var nodes = new[] { formatALocation, modelsLocation, reportsLocation };
        var absent = nodes.OfType<FolderStoreLocation>().Where(f => !Directory.Exists(f.Folder)).ToList();
        if (absent.Count == nodes.Length)
        {
            throw ToolException.Remote($"{absent[0].Folder}: no such folder (nor {absent[1].Folder} or {absent[2].Folder}): no run has written here");
        }

        // A run cut short leaves the folders of its later nodes unmade (run-local makes models/ when it trains): such a
        // node holds nothing yet, as an S3 bucket with nothing under its prefix does.
        foreach (var folder in absent)
        {
            log.Info($"{folder.Folder}: no such folder yet: read as empty");
        }

        IObjectStore Open(StoreLocation location) =>
            absent.Contains(location) ? new MemoryObjectStore(location.UriFor) : stores.Open(location);
        var reader = new RunStatusReader(
            sourceLocation is null ? null : stores.Open(sourceLocation),
            Open(formatALocation),
            Open(modelsLocation),
            Open(reportsLocation));
        var requested = options.RunId;
        if (requested is null && stackRun is not null)
        {
            log.Info($"run {stackRun}: the run the synthesized stack's steps run (--run-id to see another)");
        }

        var (run, others) = await reader.ResolveAsync(requested ?? stackRun, mustExist: requested is not null, cancellationToken);
        log.Info($"run {run}: reading what its steps left");
        var evidence = await reader.ReadAsync(run, cancellationToken);
        return RunStatus.From(evidence, reader.LocationsOf(run), others, clusterId) with { DashboardUrl = dashboardUrl };
    }
}

/// <summary>What <c>status</c> was asked to show, parsed from its command line.</summary>
/// <param name="Source">S3|1, as given; null to take it from the stack's outputs or leave it out.</param>
/// <param name="FormatA">S3|2, as given; null with the two below to read the stack's outputs.</param>
/// <param name="Models">S3|4, as given.</param>
/// <param name="Reports">S3|3, as given.</param>
/// <param name="StackDir">The synthesized stack folder whose outputs name the buckets; null for the repository's.</param>
/// <param name="RunId">The run to show; null for the latest.</param>
/// <param name="Json">Print one JSON document instead of the table.</param>
/// <param name="S3">How to reach S3: read once the locations are known, so a missing location is reported first.</param>
internal sealed record StatusOptions(
    string? Source,
    string? FormatA,
    string? Models,
    string? Reports,
    string? StackDir,
    string? RunId,
    bool Json,
    Func<S3Settings> S3);
