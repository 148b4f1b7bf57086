namespace MnistEmr.Job.Explode;

/// <summary><c>explode</c>: S3|1 to S3|2, one shard or all of them.</summary>
internal static class ExplodeCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var layout = new LayoutOptions();
        var source = StoreOption.Required("--source", "S3|1, the four IDX .gz files");
        var target = StoreOption.Required("--format-a", "S3|2, the FORMAT A root (train/ and test/ trees go under it)");
        var split = new Option<string?>("--split") { Description = "train or test. [default: both]" };
        var shard = new Option<int?>("--shard") { Description = "Write only this shard (0-based). [default: all shards]" };
        var shards = ShardsOption.Create("Shards per split.");
        var reExplode = ReExplodeOption.Create();
        var command = new Command(
            "explode",
            "Writes each digit of the IDX files as <name>.png (8-bit grayscale, exact pixels) and <name>.txt (its label) "
            + "in random-named nested folders under train/ or test/. Names come from a keyed hash of the seed, split and "
            + "index: re-running a shard rewrites the same keys. Each shard writes its manifest last, under _manifests/. "
            + "A shard already up to date (same S3|1 SHA-256s, layout and shard count) is kept as it is, unless --re-explode. "
            + "Prints the manifest URIs.")
        {
            source, target, split, shard, shards, reExplode,
        };
        layout.AddTo(command);
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            // Read in this order, so that of several bad values the same one is reported as before.
            IReadOnlyList<DatasetSplit> splits = parse.GetValue(split) is { } name ? [MnistFiles.ParseSplit(name)] : [DatasetSplit.Train, DatasetSplit.Test];
            var layoutSettings = layout.Read(parse);
            var s3 = common.S3(parse, environment);
            var options = new ExplodeOptions(
                StoreOption.Read(parse, source), StoreOption.Read(parse, target), splits, parse.GetValue(shard), parse.GetValue(shards), layoutSettings, s3)
            {
                ReExplode = parse.GetValue(reExplode),
            };
            return RunAsync(options, environment, log, cancellationToken);
        });
    }

    /// <summary>Explodes what <paramref name="options"/> name; returns the exit code.</summary>
    public static async Task<int> RunAsync(ExplodeOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        var formatALayout = new FormatALayout(options.Layout);
        using var stores = new ObjectStoreFactory(options.S3);
        var sourceStore = stores.Open(options.Source);
        var output = stores.Open(options.FormatA);
        var count = options.Shards;
        if (options.Shard is { } chosen)
        {
            // A usage error before any I/O: the shard's range needs the digit count, its number does not.
            ShardRange.Of(chosen, count, 0);
        }

        var stage = new ExplodeStage(output, formatALayout, log, environment.Clock);
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        // Each split's fingerprint first (the loader's manifest when S3|1 has one); every input is fetched and checked
        // before the first digit is written, and only when a shard is not up to date.
        var input = new ExplodeInput(sourceStore, options.Splits, log);
        if (options.ReExplode)
        {
            log.Info($"explode: {SparkSizing.ReExplodeOption}: no shard is kept, up to date or not");
        }

        var written = new List<string>();
        var kept = 0;
        var judged = 0;
        foreach (var s in options.Splits)
        {
            var shardNumbers = options.Shard is { } one ? [one] : Enumerable.Range(0, count);
            var total = 0;
            foreach (var number in shardNumbers)
            {
                var outcome = await stage.RunShardAsync(input, s, number, count, options.ReExplode, output.MaxConcurrency, cancellationToken);
                environment.Out.WriteLine(output.UriFor(FormatAKeys.ManifestKey(s, number, count)));
                total += outcome.Written;
                kept += outcome.Kept ? 1 : 0;
                judged++;
            }

            written.Add($"{total} {MnistFiles.NameOf(s)}");
        }

        var keptNote = kept > 0 ? $"; kept {kept} of {judged} shards as they were (up to date)" : string.Empty;
        log.Info(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"explode: wrote {string.Join(" and ", written)} digits ({(options.Shard is { } only ? $"shard {only} of {count}" : $"{count} shards")} per split) to {output.UriFor(string.Empty)} in {elapsed.Elapsed.TotalSeconds:F1} s{keptNote}"));
        return 0;
    }
}

/// <summary>What <c>explode</c> was asked to do, parsed from its command line.</summary>
/// <param name="Source">S3|1, the four IDX .gz files.</param>
/// <param name="FormatA">S3|2, the FORMAT A root.</param>
/// <param name="Splits">The splits to write.</param>
/// <param name="Shard">The one shard to write; null for all.</param>
/// <param name="Shards">Shards per split.</param>
/// <param name="Layout">The FORMAT A naming and nesting.</param>
/// <param name="S3">How to reach S3.</param>
internal sealed record ExplodeOptions(
    StoreLocation Source,
    StoreLocation FormatA,
    IReadOnlyList<DatasetSplit> Splits,
    int? Shard,
    int Shards,
    FormatALayoutSettings Layout,
    S3Settings S3)
{
    /// <summary>Write every shard, even those whose FORMAT A is up to date.</summary>
    public bool ReExplode { get; init; }
}
