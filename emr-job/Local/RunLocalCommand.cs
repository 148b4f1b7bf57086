namespace MnistEmr.Job.Local;

/// <summary><c>run-local</c>: the whole chain in one process.</summary>
internal static class RunLocalCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var layout = new LayoutOptions();
        var trainer = new TrainerOptions();
        var sweep = new SweepOptions();
        var source = StoreOption.Required("--source", "S3|1, the four IDX .gz files");
        var work = new Option<string?>("--work") { Description = "Folder standing in for the buckets: format-a/, models/, reports/ under it.", HelpName = "dir" };
        var formatA = StoreOption.Optional("--format-a", "S3|2 [default: <work>/format-a]");
        var models = StoreOption.Optional("--models", "S3|4 [default: <work>/models]");
        var reports = StoreOption.Optional("--reports", "S3|3 [default: <work>/reports]");
        var shards = ShardsOption.Create("Shards per split, exploded in parallel.");
        var runId = RunIdOption.New();
        var allowIncomplete = AllowIncompleteOption.Create("train/ and test/");
        var reExplode = ReExplodeOption.Create();
        var command = new Command(
            "run-local",
            "Runs explode (all shards of both splits, in parallel; shards already up to date are kept unless --re-explode), "
            + "train, evaluate and report in one process against folders or S3, then prints where the report is and its "
            + "headline numbers (key=value lines).")
        {
            source, work, formatA, models, reports, shards, runId, allowIncomplete, reExplode,
        };
        layout.AddTo(command);
        trainer.AddTo(command);
        sweep.AddTo(command);
        return common.Bind(command, environment, async (parse, log, cancellationToken) =>
        {
            var workFolder = parse.GetValue(work);
            StoreLocation Location(Option<string?> option, string folder) =>
                parse.GetValue(option) is { } given ? StoreLocation.Parse(given, option.Name)
                : workFolder is not null ? new FolderStoreLocation(Path.GetFullPath(Path.Combine(workFolder, folder)))
                : throw ToolException.Usage($"give --work or {option.Name}");

            var request = new RunLocalRequest(
                StoreOption.Read(parse, source),
                Location(formatA, "format-a"),
                Location(models, "models"),
                Location(reports, "reports"),
                layout.Read(parse),
                parse.GetValue(shards),
                trainer.Read(parse),
                RunIdOption.ReadNew(parse, runId, environment.Clock))
            {
                AllowIncomplete = parse.GetValue(allowIncomplete),
                ReExplode = parse.GetValue(reExplode),
                Sweep = sweep.Read(parse),
            };
            return await RunAsync(request, common.S3(parse, environment), environment, log, cancellationToken);
        });
    }

    /// <summary>Runs the chain <paramref name="request"/> describes, with S3 reached as <paramref name="s3"/> says; returns the exit code.</summary>
    public static async Task<int> RunAsync(RunLocalRequest request, S3Settings s3, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        using var stores = new ObjectStoreFactory(s3);
        var outcome = await new LocalPipeline(stores, log, environment.Clock).RunAsync(request, cancellationToken);
        log.Info($"run-local finished in {outcome.TotalSeconds:F1} s (explode {outcome.ExplodeSeconds:F1} s, training {outcome.Train.Card.TrainingSeconds:F1} s)");
        HeadlineWriter.Write(environment.Out, outcome.Evaluate);
        return 0;
    }
}
