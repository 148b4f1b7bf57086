using MnistEmr.Job.Explode;
using MnistEmr.Job.Local;
using MnistEmr.Job.Report;
using MnistEmr.Job.Shared.FormatA;
using MnistEmr.Job.Train;

namespace MnistEmr.Bench;

/// <summary>
/// <c>bench</c>: runs run-local on the source (accuracy, training time, inference digits/s, peak memory), times
/// inference end to end on one thread next to ML.NET's own scoring of the same model, trains the training split again
/// with the trainer as it was before issue 14's training work (the training baseline), then explode of the training
/// split to a folder against a baseline that writes the same keys with same-sized pre-made bytes (no encoding, no
/// hashing); with <c>--scale-train</c>, run-local again on a fixture of that many training digits made from the
/// source's (<see cref="ScaleFixture"/>), for the full-scale training time and peak memory.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = BenchCli.CommonOptions(environment);
        var trainer = new TrainerOptions();
        var source = StoreOption.Required("--source", "S3|1, the four IDX .gz files");
        var work = new Option<string>("--work") { Description = "Scratch folder (emptied parts are recreated).", Required = true, HelpName = "dir" };
        var repeats = new Option<int>("--repeats") { Description = "Explode, inference and baseline runs; the median is reported.", DefaultValueFactory = _ => 3 };
        var scaleTrain = new Option<int>("--scale-train")
        {
            Description = "Also run run-local on this many training digits made from the source's by small shifts (60000 for MNIST's full size); 0 skips it.",
            DefaultValueFactory = _ => 0,
        };
        var scaleTest = new Option<int>("--scale-test") { Description = "Test digits of the scale fixture, made the same way.", DefaultValueFactory = _ => 10_000 };
        var explodeTarget = StoreOption.Optional(
            "--explode-target",
            "Where explode and its baseline write, to measure them against a store whose writes wait on the network as on EMR "
            + "(with --endpoint for an S3-compatible server; default: a folder under --work)");
        var command = new Command(
            "bench",
            "Measures the chain on the given data: run-local (accuracy, macro F1, training seconds, inference digits/s, "
            + "peak working set), training next to the trainer before issue 14 (63 bins, a quarter of the features, LightGBM's own histogram layout), "
            + "then explode throughput of the training split to a folder (or --explode-target) next to a plain-write baseline. "
            + "Prints key=value lines.")
        {
            source, work, repeats, scaleTrain, scaleTest, explodeTarget,
        };
        trainer.AddTo(command);
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            // Read in this order, so that of several bad values the same one is reported as before.
            var root = Path.GetFullPath(parse.GetValue(work)!);
            var s3 = common.S3(parse, environment);
            var options = new BenchOptions(
                StoreOption.Read(parse, source), root, parse.GetValue(repeats), parse.GetValue(scaleTrain), parse.GetValue(scaleTest), trainer.Read(parse), s3)
            {
                ExplodeTarget = parse.GetValue(explodeTarget) is { } target ? StoreLocation.Parse(target, explodeTarget.Name) : null,
            };
            return RunAsync(options, environment, log, cancellationToken);
        });
    }

    /// <summary>Measures the chain as <paramref name="options"/> ask; prints key=value lines and returns the exit code.</summary>
    public static async Task<int> RunAsync(BenchOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        var root = options.Work;
        var layoutOptions = new FormatALayoutSettings(LayoutOptions.DefaultSeed);
        using var stores = new ObjectStoreFactory(options.S3);
        var request = new RunLocalRequest(
            options.Source,
            Fresh(root, "run/format-a"),
            Fresh(root, "run/models"),
            Fresh(root, "run/reports"),
            layoutOptions,
            ExplodeShards,
            options.Trainer,
            "bench");
        var outcome = await new LocalPipeline(stores, log, environment.Clock).RunAsync(request, cancellationToken);
        var peak = PeakWorkingSetBytes();
        var report = outcome.Evaluate.Report;

        var testDigits = await SourceReader.ReadSplitAsync(stores.Open(request.Source), DatasetSplit.Test, log, cancellationToken);
        var (model, _) = await ModelLoader.LoadAsync(stores.Open(request.Models), request.RunId, new MLContext(seed: 1), cancellationToken);
        var inference = InferenceTiming.Measure(
            model,
            Enumerable.Range(0, testDigits.Count).Select(i => PngCodec.EncodeGray(testDigits[i].Pixels.Span, MnistFiles.Side, MnistFiles.Side)).ToList(),
            Math.Max(1, options.Repeats));

        var digits = await SourceReader.ReadSplitAsync(stores.Open(request.Source), DatasetSplit.Train, log, cancellationToken);
        var explodeRuns = new List<double>();
        var baselineRuns = new List<double>();
        for (var i = 0; i < Math.Max(1, options.Repeats); i++)
        {
            explodeRuns.Add(await TimeExplodeAsync(digits, ExplodeStore(stores, options, $"explode-{i}"), layoutOptions, environment.Clock, cancellationToken));
            baselineRuns.Add(await TimeBaselineAsync(digits, ExplodeStore(stores, options, $"baseline-{i}"), layoutOptions, cancellationToken));
        }

        // The trainer as it was before issue 14's training work, on the same digits and threads, for the ratio.
        var baselineTraining = new MnistTrainer(new MLContext(options.Trainer.Seed), forceColumnWise: false).Train(digits.Labeled("train/"), TrainingBaseline(options.Trainer));

        var explodeRate = digits.Count / Median(explodeRuns);
        var baselineRate = digits.Count / Median(baselineRuns);
        var lines = new (string Key, FormattableString Value)[]
        {
            ("cores", $"{Environment.ProcessorCount}"),
            ("train-digits", $"{report.ModelCard.TrainingData.Used}"),
            ("test-digits", $"{report.Counts.Used}"),
            ("accuracy", $"{report.Metrics.Accuracy:F4}"),
            ("macro-f1", $"{report.Metrics.MacroF1:F4}"),
            ("training-seconds", $"{report.ModelCard.TrainingSeconds:F1}"),
            ("baseline-training-seconds", $"{baselineTraining.Duration.TotalSeconds:F1}"),
            ("training-vs-baseline", $"{report.ModelCard.TrainingSeconds / baselineTraining.Duration.TotalSeconds:F2}"),
            ("inference-digits-per-second", $"{report.Timings.InferenceDigitsPerSecond:F0}"),
            ("inference-digits-per-cpu-second", $"{inference.DigitsPerCpuSecond:F0}"),
            ("baseline-mlnet-inference-digits-per-cpu-second", $"{inference.BaselineDigitsPerCpuSecond:F0}"),
            ("inference-vs-baseline", $"{inference.DigitsPerCpuSecond / inference.BaselineDigitsPerCpuSecond:F2}"),
            ("inference-identical-to-baseline", $"{inference.Identical}"),
            ("run-local-seconds", $"{outcome.TotalSeconds:F1}"),
            ("run-local-peak-working-set-mib", $"{peak / (1024.0 * 1024):F0}"),
            ("explode-target", $"{(options.ExplodeTarget is null ? "folder" : options.ExplodeTarget.UriFor(""))}"),
            ("explode-digits", $"{digits.Count}"),
            ("explode-digits-per-second", $"{explodeRate:F0}"),
            ("baseline-pairs-per-second", $"{baselineRate:F0}"),
            ("explode-vs-baseline", $"{explodeRate / baselineRate:F2}"),
            ("report-html", $"{outcome.Evaluate.HtmlUri}"),
        };
        KeyValueLines.Write(environment.Out, lines);

        if (options.ScaleTrain > 0)
        {
            var fixture = await WriteScaleFixtureAsync(stores.Open(request.Source), root, options.ScaleTrain, options.ScaleTest, cancellationToken);
            var scaled = await new LocalPipeline(stores, log, environment.Clock).RunAsync(
                request with
                {
                    Source = fixture,
                    FormatA = Fresh(root, "scale/format-a"),
                    Models = Fresh(root, "scale/models"),
                    Reports = Fresh(root, "scale/reports"),
                },
                cancellationToken);
            var scaledReport = scaled.Evaluate.Report;
            var scaleLines = new (string Key, FormattableString Value)[]
            {
                ("scale-train-digits", $"{scaledReport.ModelCard.TrainingData.Used}"),
                ("scale-test-digits", $"{scaledReport.Counts.Used}"),
                ("scale-training-seconds", $"{scaledReport.ModelCard.TrainingSeconds:F1}"),
                ("scale-inference-digits-per-second", $"{scaledReport.Timings.InferenceDigitsPerSecond:F0}"),
                ("scale-run-local-seconds", $"{scaled.TotalSeconds:F1}"),
                ("scale-peak-working-set-mib", $"{PeakWorkingSetBytes() / (1024.0 * 1024):F0}"),
            };
            KeyValueLines.Write(environment.Out, scaleLines);
        }

        return 0;
    }

    /// <summary>
    /// A fresh, empty place for one explode or baseline run: a recreated folder under --work, or a prefix of its own
    /// under --explode-target (a bucket cannot be emptied as cheaply, so every run gets a new prefix).
    /// </summary>
    private static IObjectStore ExplodeStore(ObjectStoreFactory stores, BenchOptions options, string name) =>
        options.ExplodeTarget is { } target
            ? stores.Open(target.Child($"{name}-{Guid.NewGuid():N}"))
            : new FolderObjectStore(Fresh(options.Work, name));

    /// <summary>Explode of the split as run-local runs it: shards side by side, the store's writes in flight shared out.</summary>
    private static async Task<double> TimeExplodeAsync(
        DigitSet digits, IObjectStore store, FormatALayoutSettings layout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var stage = new ExplodeStage(store, new FormatALayout(layout), SilentToolLog.Instance, clock);
        var watch = Stopwatch.StartNew();
        await stage.RunShardsAsync(digits, DatasetSplit.Train, ShardRange.All(ExplodeShards, digits.Count), cancellationToken);
        return watch.Elapsed.TotalSeconds;
    }

    // The shards of every explode the bench runs (its run-local's too): two a core.
    private static int ExplodeShards => Environment.ProcessorCount * 2;

    /// <summary>The writes explode keeps in flight in all: its shards running at once, times each one's writes.</summary>
    private static int WritesInFlight(IObjectStore store)
    {
        var (shards, writesPerShard) = ExplodeStage.SideBySide(store, ExplodeShards);
        return shards * writesPerShard;
    }

    /// <summary>The same keys and byte counts written with the same writes in flight, minus encoding and naming.</summary>
    private static async Task<double> TimeBaselineAsync(
        DigitSet digits, IObjectStore store, FormatALayoutSettings layout, CancellationToken cancellationToken)
    {
        var naming = new FormatALayout(layout);
        var stems = Enumerable.Range(0, digits.Count).Select(i => naming.StemFor(DatasetSplit.Train, i)).ToArray();
        var png = PngCodec.EncodeGray(digits[0].Pixels.Span, MnistFiles.Side, MnistFiles.Side);
        var txt = new[] { (byte)'0' };
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            stems,
            new ParallelOptions { MaxDegreeOfParallelism = WritesInFlight(store), CancellationToken = cancellationToken },
            async (stem, token) =>
            {
                await store.PutAsync(stem + FormatAKeys.PngExtension, png, token);
                await store.PutAsync(stem + FormatAKeys.TxtExtension, txt, token);
            });
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The training baseline: <paramref name="settings"/> with 63 bins and a quarter of the features per tree, the
    /// defaults before issue 14's training work, trained with LightGBM's own choice of histogram layout.
    /// </summary>
    private static TrainerSettings TrainingBaseline(TrainerSettings settings) => settings with { MaxBins = 63, FeatureFraction = 0.25 };

    /// <summary>Writes the scale fixture's four IDX .gz files under <paramref name="root"/>/scale/source and returns that folder.</summary>
    private static async Task<FolderStoreLocation> WriteScaleFixtureAsync(IObjectStore source, string root, int train, int test, CancellationToken cancellationToken)
    {
        var folder = Fresh(root, "scale/source");
        var store = new FolderObjectStore(folder);
        foreach (var (split, count) in new[] { (DatasetSplit.Train, train), (DatasetSplit.Test, test) })
        {
            var set = ScaleFixture.Expand(await SourceReader.ReadSplitAsync(source, split, SilentToolLog.Instance, cancellationToken), count);
            var pixels = Enumerable.Range(0, set.Count).Select(i => set[i].Pixels.ToArray()).ToList();
            await store.PutAsync(MnistFiles.ImagesOf(split), SampleDatasetBuilder.Gzip(SampleDatasetBuilder.ImagesIdx(pixels)), cancellationToken);
            await store.PutAsync(MnistFiles.LabelsOf(split), SampleDatasetBuilder.Gzip(SampleDatasetBuilder.LabelsIdx(set.Labels.ToArray())), cancellationToken);
        }

        return folder;
    }

    private static FolderStoreLocation Fresh(string root, string name)
    {
        var path = Path.Combine(root, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return new FolderStoreLocation(path);
    }

    private static long PeakWorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

/// <summary>What <c>bench</c> was asked to measure, parsed from its command line.</summary>
/// <param name="Source">S3|1, the four IDX .gz files.</param>
/// <param name="Work">The scratch folder, absolute.</param>
/// <param name="Repeats">Explode, inference and baseline runs; the median is reported.</param>
/// <param name="ScaleTrain">Training digits of the scale fixture; 0 skips it.</param>
/// <param name="ScaleTest">Test digits of the scale fixture.</param>
/// <param name="Trainer">The trainer settings of run-local.</param>
/// <param name="S3">How to reach S3.</param>
internal sealed record BenchOptions(
    StoreLocation Source,
    string Work,
    int Repeats,
    int ScaleTrain,
    int ScaleTest,
    TrainerSettings Trainer,
    S3Settings S3)
{
    /// <summary>Where explode and its baseline write; null for a folder under <see cref="Work"/>.</summary>
    public StoreLocation? ExplodeTarget { get; init; }
}
