namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// <c>rows</c>: the stages as Spark SQL script transformations (<c>SELECT TRANSFORM ... USING</c>) call them.
/// Each reads Hive text rows on stdin until its end, writes result rows on stdout (flushed row by row) and logs
/// on stderr; a failure exits non-zero, so Spark fails and retries the task. The names come from
/// <see cref="RowProtocol"/>, as do the steps' SQL; what a row means is <see cref="StageRows"/>.
/// </summary>
internal static class RowsCommand
{
    /// <summary>Default rows per predict batch.</summary>
    public const int DefaultBatch = 1000;

    /// <summary>Builds the command group: the listing and fetching every reading step shares, then each step's stages.</summary>
    public static Command Create(ToolEnvironment environment)
    {
        var rows = new Command(
            RowProtocol.Group,
            "The stages as Spark SQL script transformations run them: Hive text rows (tab-separated, \\N for NULL, "
            + "binary content and keys as base64) on stdin until its end, result rows on stdout, logs on stderr.");
        foreach (var stage in new[] { List(environment), Fetch(environment) }.Concat(StepRows.Create(environment)))
        {
            rows.Subcommands.Add(stage);
        }

        return rows;
    }

    private static Command List(ToolEnvironment environment)
    {
        var input = StoreOption.Required(RowProtocol.InputOption, "The tree to list: a FORMAT A split, the canary's probe tree or the scoring inbox");
        var files = new Option<bool>(RowProtocol.FilesOption)
        {
            Description = "List each scoring input (a .png, as score takes them) alone instead of grouping a FORMAT A tree by name.",
        };
        return RowStage.Create(
            environment,
            RowProtocol.List,
            "Lists every object under --input with the store's own listing (names starting with '_' or '.' skipped; an "
            + "object of zero bytes listed like any other), then one row per name: a .png and the .txt of the same name "
            + "together, any other file alone. Reads no object.",
            RowProtocol.CanaryInput,
            RowProtocol.ListOutput,
            [input, files],
            async stage =>
            {
                var store = stage.Open(input);
                var listOnlyFiles = stage.Parse.GetValue(files);
                await foreach (var _ in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    var names = await NameListing.ListAsync(store, listOnlyFiles, stage.CancellationToken);
                    foreach (var name in names.Names)
                    {
                        await StageRows.WriteNameAsync(stage.Writer, store.UriFor(name.Stem), name);
                    }

                    stage.Log.Info($"rows list: {names.Names.Count} name(s) of {names.Objects} object(s) under {store.UriFor(string.Empty)}"
                        + (names.Hidden > 0 ? $", {names.Hidden} hidden entr{(names.Hidden == 1 ? "y" : "ies")} skipped" : string.Empty));
                }

                return 0;
            });
    }

    private static Command Fetch(ToolEnvironment environment)
    {
        var input = StoreOption.Required(RowProtocol.InputOption, "The tree the keys were listed under");
        var batch = BatchOption();
        return RowStage.Create(
            environment,
            RowProtocol.Fetch,
            "Reads the objects the rows name under --input, with the store's requests in flight (32 on S3) rather than one "
            + "after another, and writes a row per input row with the contents, in input order. A key whose object is gone "
            + "is NULL, as a missing file; an empty object is an empty field.",
            RowProtocol.ListOutput,
            RowProtocol.PairInput,
            [input, batch],
            async stage =>
            {
                var store = stage.Open(input);
                await stage.Reader.ForEachBatchAsync(
                    StageRows.ReadName,
                    stage.Parse.GetValue(batch),
                    async pending =>
                    {
                        foreach (var (name, png, label) in await NameFetch.FetchAsync(store, pending, stage.CancellationToken))
                        {
                            await StageRows.WriteFetchedAsync(stage.Writer, name.Path, png, label);
                        }
                    },
                    stage.CancellationToken);
                stage.LogCounts(done: true);
                return 0;
            });
    }

    /// <summary>Rows classified at once by the stages that classify.</summary>
    public static Option<int> BatchOption() =>
        new Option<int>("--batch") { Description = "Rows classified at once, at least 1.", DefaultValueFactory = _ => DefaultBatch }
            .Check(size => size >= 1 ? null : $"--batch must be at least 1, not {size}");

    /// <summary>Every pair of the input, the marker row left out: for the stages that need the whole tree in one task.</summary>
    public static Task<List<PairRow>> ReadPairsAsync(RowStageContext stage, StoreLocation root) =>
        stage.Reader.CollectAsync(row => StageRows.ReadPair(row, root), stage.CancellationToken);

    /// <summary>The FORMAT A root of the stages that read pairs by path.</summary>
    public static Option<string> PairsRootOption() =>
        StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");

    /// <summary>Where the run's model is, for the stages that classify with it.</summary>
    public static Option<string> RunModelOption() => StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model is");

    /// <summary>The run id option every stage that writes a run's objects takes.</summary>
    public static Option<string> RunIdOption() => new(RowProtocol.RunIdOption) { Description = "The run id.", Required = true };
}
