namespace MnistEmr.Job.Canary;

/// <summary>The canary step's <c>rows</c> stages: the checks in every slot, the probe tree read back, the verdict.</summary>
internal static class CanaryRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Canary(environment), CanaryProbe(environment), CanaryVerdict(environment)];

    private static Command Canary(ToolEnvironment environment)
    {
        var source = StoreOption.Required(RowProtocol.SourceOption, "S3|1, the loader's four IDX files and manifest.json");
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, the models root");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, the reports root");
        var runId = RowsCommand.RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.Canary,
            "Per task: the job starts, LightGBM loads and trains, a probe object is written, read back and deleted under "
            + "S3|2, S3|4 and S3|3, and a write to S3|1 is denied (on AWS); task 0 also checks S3|1 against the loader's "
            + "manifest and writes the probe tree. One row per check; a failed check is a row, not an exit.",
            RowProtocol.CanaryInput,
            RowProtocol.CanaryOutput,
            [source, formatA, models, reports, runId],
            async stage =>
            {
                var task = new CanaryTask(
                    stage.Open(source),
                    stage.Open(formatA),
                    stage.Open(models),
                    stage.Open(reports),
                    stage.Log,
                    // IAM exists only on AWS itself: against an S3-compatible endpoint or folders nothing refuses a write.
                    sourceMustBeReadOnly: !stage.CustomEndpoint && stage.Location(source) is S3StoreLocation);
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    foreach (var check in await task.RunAsync(StageRows.ReadCanaryTask(row), stage.Parse.GetValue(runId)!, stage.CancellationToken))
                    {
                        await StageRows.WriteCheckAsync(stage.Writer, check);
                    }
                }

                return 0;
            });
    }

    private static Command CanaryProbe(ToolEnvironment environment)
    {
        var formatA = RowsCommand.PairsRootOption();
        var runId = RowsCommand.RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.CanaryProbe,
            "The canary's probe tree as the list and fetch stages deliver it, all in one task. One row: whether exactly "
            + "the probe tree arrived, byte for byte.",
            RowProtocol.PairInput,
            RowProtocol.CanaryOutput,
            [formatA, runId],
            async stage =>
            {
                var pairs = await RowsCommand.ReadPairsAsync(stage, stage.Location(formatA));
                var problems = CanaryProbeTree.Differences(pairs, stage.Parse.GetValue(runId)!);
                await StageRows.WriteCheckAsync(stage.Writer, new CanaryCheck(
                    0, CanaryCheck.TreeRead, problems.Count == 0,
                    problems.Count == 0 ? $"{pairs.Count} rows: the probe tree, paired by name, byte for byte" : string.Join("; ", problems),
                    Environment.MachineName));
                return 0;
            });
    }

    private static Command CanaryVerdict(ToolEnvironment environment)
    {
        var runId = RowsCommand.RunIdOption();
        var coreNodes = new Option<int>(RowProtocol.CoreNodesOption)
        {
            Description = "Core nodes planned: the slots' checks must come from this many hosts. [default: 1]",
            DefaultValueFactory = _ => 1,
        }.Check(n => n is >= 1 and <= 1000 ? null : $"{RowProtocol.CoreNodesOption} must be from 1 to 1000, not {n}");
        return RowStage.Create(
            environment,
            RowProtocol.CanaryVerdict,
            "Every canary check, all in one task. One row when every check passed and the slots' checks came from "
            + "--core-nodes hosts; otherwise exits 4 with one line naming each failed check and the hosts that reported.",
            RowProtocol.CanaryOutput,
            RowProtocol.VerdictOutput,
            [runId, coreNodes],
            async stage =>
            {
                var checks = await stage.Reader.CollectAsync(StageRows.ReadCheck, stage.CancellationToken);

                var count = Job.Canary.CanaryVerdict.Judge(checks, stage.Parse.GetValue(coreNodes));
                stage.Log.Info($"rows canary-verdict: all {count} checks passed for run {stage.Parse.GetValue(runId)}");
                await StageRows.WriteVerdictAsync(stage.Writer, count);
                return 0;
            });
    }
}
