namespace MnistEmr.Job.Explode;

/// <summary>The explode step's <c>rows</c> stage: one shard per row.</summary>
internal static class ExplodeRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Explode(environment)];

    private static Command Explode(ToolEnvironment environment)
    {
        var layout = new LayoutOptions();
        var source = StoreOption.Required(RowProtocol.SourceOption, "S3|1, the four IDX .gz files");
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root");
        var shards = ShardsOption.Create("Shards per split.", required: true);
        var reExplode = ReExplodeOption.Create();
        var command = RowStage.Create(
            environment,
            RowProtocol.Explode,
            "Explodes that shard of both splits into FORMAT A, then writes a row per split. A shard already up to date "
            + "is kept as it is (its row says 0 digits) unless --re-explode; a re-run shard rewrites the same keys.",
            RowProtocol.ExplodeInput,
            RowProtocol.ExplodeOutput,
            [source, formatA, shards, reExplode],
            async stage =>
            {
                var task = new ExplodeShardTask(
                    stage.Open(source), stage.Open(formatA), new FormatALayout(layout.Read(stage.Parse)), stage.Log, stage.Environment.Clock)
                {
                    ReExplode = stage.Parse.GetValue(reExplode),
                };
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    foreach (var result in await task.RunAsync(StageRows.ReadShard(row), stage.Parse.GetValue(shards), stage.CancellationToken))
                    {
                        await StageRows.WriteExplodeAsync(stage.Writer, result);
                    }
                }

                stage.Log.Info($"rows explode: {stage.Reader.RowsRead} shard row(s) in, {stage.Writer.RowsWritten} row(s) out");
                return 0;
            });
        layout.AddTo(command);
        return command;
    }
}
