using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Status;

namespace MnistJob.Cli;

/// <summary><c>status</c>: what a run's steps have left in S3, read from the objects alone.</summary>
public static class StatusCommand
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

    /// <summary>Builds the command.</summary>
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
        var runId = new Option<string?>("--run-id", "--run") { Description = "The run to show. [default: the latest run]", HelpName = "id" };
        var json = new Option<bool>("--json") { Description = "Print the status as one JSON document (for scripts) instead of the table." };
        var command = new Command("status", Description) { source, formatA, models, reports, stackDir, runId, json };
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            RunStatus? status = null;
            var code = await common.RunAsync(parse, environment, async (log, cancellationToken) =>
            {
                var given = new[] { formatA, models, reports }.Where(o => parse.GetValue(o) is not null).ToList();
                string? clusterId = null;
                string? stackRun = null;
                StoreLocation? sourceLocation = parse.GetValue(source) is { } s ? StoreLocation.Parse(s, source.Name) : null;
                StoreLocation formatALocation, modelsLocation, reportsLocation;
                if (given.Count == 3)
                {
                    formatALocation = StoreLocation.Parse(parse.GetValue(formatA)!, formatA.Name);
                    modelsLocation = StoreLocation.Parse(parse.GetValue(models)!, models.Name);
                    reportsLocation = StoreLocation.Parse(parse.GetValue(reports)!, reports.Name);
                }
                else if (given.Count == 0)
                {
                    var directory = parse.GetValue(stackDir) is { } dir
                        ? Path.GetFullPath(dir)
                        : StackOutputReader.DefaultStackDirectory(Directory.GetCurrentDirectory(), environment.GetVariable);
                    log.Info($"reading the stack's outputs: terraform output -json in {directory}");
                    var outputs = await StackOutputReader.ReadAsync(directory, environment.GetVariable, cancellationToken);
                    sourceLocation ??= StoreLocation.Parse(outputs.SourceUri, StackOutputs.SourceOutput);
                    formatALocation = StoreLocation.Parse(outputs.FormatAUri, StackOutputs.FormatAOutput);
                    modelsLocation = StoreLocation.Parse(outputs.ModelUri, StackOutputs.ModelOutput);
                    reportsLocation = StoreLocation.Parse(outputs.ReportUri, StackOutputs.ReportOutput);
                    clusterId = outputs.ClusterId;
                    var stackFile = Path.Combine(directory, StackOutputReader.StackFile);
                    stackRun = StackOutputReader.RunIdOf(File.Exists(stackFile) ? await File.ReadAllTextAsync(stackFile, cancellationToken) : null);
                }
                else
                {
                    var missing = new[] { formatA, models, reports }.Except(given).Select(o => o.Name);
                    throw ToolException.Usage($"give all of --format-a, --models and --reports, or none to read the stack's outputs: {string.Join(" and ", missing)} missing");
                }

                using var stores = new ObjectStoreFactory(common.S3(parse, environment));
                var reader = new RunStatusReader(
                    sourceLocation is null ? null : stores.Open(sourceLocation),
                    stores.Open(formatALocation),
                    stores.Open(modelsLocation),
                    stores.Open(reportsLocation));
                var requested = parse.GetValue(runId);
                if (requested is null && stackRun is not null)
                {
                    log.Info($"run {stackRun}: the run the synthesized stack's steps run (--run-id to see another)");
                }

                var (run, others) = await reader.ResolveAsync(requested ?? stackRun, mustExist: requested is not null, cancellationToken);
                log.Info($"run {run}: reading what its steps left");
                var evidence = await reader.ReadAsync(run, cancellationToken);
                status = RunStatus.From(evidence, reader.LocationsOf(run), others, clusterId);
                return (int)(status.Complete ? ExitCode.Success : ExitCode.RunIncomplete);
            }, token);

            // Written after the host's progress display (on stderr) has finished, so the two never interleave.
            if (status is not null)
            {
                if (parse.GetValue(json))
                {
                    environment.Out.WriteLine(System.Text.Encoding.UTF8.GetString(JobJson.Serialize(status)));
                }
                else
                {
                    StatusTable.Write(TerminalConsole.For(environment.Out), status);
                }
            }

            return code;
        });
        return command;
    }
}
