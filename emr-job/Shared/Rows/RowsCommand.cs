using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistEmr.Contract;
using MnistEmr.Job.Canary;
using MnistEmr.Job.Evaluate;
using MnistEmr.Job.Explode;
using MnistEmr.Job.Report;
using MnistEmr.Job.Score;
using MnistEmr.Job.Shared.Cli;
using MnistEmr.Job.Shared.FormatA;
using MnistEmr.Job.Shared.Model;
using MnistEmr.Job.Shared.Runs;
using MnistEmr.Job.Train;
using MnistEmr.Job.Train.Sweep;

namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// <c>rows</c>: the stages as Spark SQL script transformations (<c>SELECT TRANSFORM ... USING</c>) call them.
/// Each reads Hive text rows on stdin until its end, writes result rows on stdout (flushed row by row) and logs
/// on stderr; a failure exits non-zero, so Spark fails and retries the task. The names come from
/// <see cref="RowProtocol"/>, as do the steps' SQL; what a row means is <see cref="StageRows"/>.
/// </summary>
public static class RowsCommand
{
    /// <summary>Default rows per predict batch.</summary>
    public const int DefaultBatch = 1000;

    /// <summary>Builds the command group.</summary>
    public static Command Create(ToolEnvironment environment) => new(
        RowProtocol.Group,
        "The stages as Spark SQL script transformations run them: Hive text rows (tab-separated, \\N for NULL, "
        + "binary content and keys as base64) on stdin until its end, result rows on stdout, logs on stderr.")
    {
        Canary(environment), CanaryProbe(environment), CanaryVerdict(environment),
        List(environment), Fetch(environment),
        Explode(environment), Train(environment), SweepData(environment), SweepCandidate(environment), SweepPick(environment),
        Predict(environment), Report(environment),
        Score(environment), ScoreSummary(environment),
    };

    private static Command Canary(ToolEnvironment environment)
    {
        var source = StoreOption.Required(RowProtocol.SourceOption, "S3|1, the loader's four IDX files and manifest.json");
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, the models root");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, the reports root");
        var runId = RunIdOption();
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
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var runId = RunIdOption();
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
                var pairs = await ReadPairsAsync(stage, stage.Location(formatA));
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
        var runId = RunIdOption();
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
                var checks = new List<CanaryCheck>();
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    if (StageRows.ReadCheck(row) is { } check)
                    {
                        checks.Add(check);
                    }
                }

                var count = Job.Canary.CanaryVerdict.Judge(checks, stage.Parse.GetValue(coreNodes));
                stage.Log.Info($"rows canary-verdict: all {count} checks passed for run {stage.Parse.GetValue(runId)}");
                await StageRows.WriteVerdictAsync(stage.Writer, count);
                return 0;
            });
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
                stage.Log.Info($"rows fetch: done, {stage.Reader.RowsRead} row(s) in, {stage.Writer.RowsWritten} row(s) out");
                return 0;
            });
    }

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

    private static Command Train(ToolEnvironment environment)
    {
        var trainer = new TrainerOptions();
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the model and card go");
        var runId = RunIdOption();
        var threads = ThreadsOption.Create("LightGBM threads: the cores the step planned for this task.");
        var command = RowStage.Create(
            environment,
            RowProtocol.Train,
            "Every train pair in this one task. Trains as run-local does and writes runs/<run-id>/model.zip, "
            + "model-card.json and latest.json, then one row.",
            RowProtocol.PairInput,
            RowProtocol.TrainOutput,
            [formatA, models, runId, threads],
            async stage =>
            {
                var root = stage.Location(formatA);
                var pairs = await ReadPairsAsync(stage, root);
                stage.Log.Info($"rows train: {stage.Reader.RowsRead} row(s) in, {pairs.Count} FORMAT A name(s)");
                var outcome = await new PairTrainTask(root, stage.Open(models), stage.Log, stage.Environment.Clock, stage.Parse.GetValue(threads))
                    .RunAsync(pairs, trainer.Read(stage.Parse), stage.Parse.GetValue(runId)!, stage.CancellationToken);
                await StageRows.WriteTrainAsync(stage.Writer, outcome);
                return 0;
            });
        trainer.AddTo(command);
        return command;
    }

    private static Command SweepData(ToolEnvironment environment)
    {
        var sweep = SweepOptions.ForStep();
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's sweep/ goes");
        var runId = RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.SweepData,
            "Every train pair in this one task. Validates them as train does and packs the usable digits into "
            + "runs/<run-id>/sweep/ for the candidate tasks (nothing, when the run is already trained), then one row.",
            RowProtocol.PairInput,
            RowProtocol.SweepDataOutput,
            [formatA, models, runId, .. sweep.All],
            async stage =>
            {
                var root = stage.Location(formatA);
                var pairs = await ReadPairsAsync(stage, root);
                var run = stage.Parse.GetValue(runId)!;
                stage.Log.Info($"rows sweep-data: {stage.Reader.RowsRead} row(s) in, {pairs.Count} FORMAT A name(s)");
                var (data, packed) = await new PairTrainTask(root, stage.Open(models), stage.Log, stage.Environment.Clock)
                    .PrepareSweepAsync(pairs, sweep.Read(stage.Parse), run, stage.CancellationToken);
                await StageRows.WriteSweepDataAsync(stage.Writer, run, data, packed);
                return 0;
            });
    }

    private static Command SweepCandidate(ToolEnvironment environment)
    {
        var trainer = new TrainerOptions();
        var sweep = SweepOptions.ForStep();
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's sweep/ is and candidates/<n>/ go");
        var runId = RunIdOption();
        var threads = ThreadsOption.Create("LightGBM threads: the cores this task may use beside the other candidates on its node.");
        var command = RowStage.Create(
            environment,
            RowProtocol.SweepCandidate,
            "Per row, trains that candidate of the sweep on the packed digits and writes runs/<run-id>/candidates/<n>/model.zip "
            + "then candidate.json (a candidate already there is kept), then a row.",
            RowProtocol.SweepCandidateInput,
            RowProtocol.SweepCandidateOutput,
            [models, runId, threads, .. sweep.All],
            async stage =>
            {
                var store = stage.Open(models);
                var run = RunKeys.Validate(stage.Parse.GetValue(runId)!);
                var sweepStage = new SweepStage(store, stage.Log, stage.Environment.Clock);
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    // A run already trained writes no candidate row: the pick task keeps its model.
                    if (await sweepStage.TrainCandidateAsync(
                            trainer.Read(stage.Parse), sweep.Read(stage.Parse), StageRows.ReadCandidateTask(row), stage.Parse.GetValue(threads) ?? Environment.ProcessorCount, run, stage.CancellationToken)
                        is { } result)
                    {
                        await StageRows.WriteCandidateAsync(stage.Writer, result, store.UriFor(RunKeys.CandidateResult(run, result.Index)));
                    }
                }

                return 0;
            });
        trainer.AddTo(command);
        return command;
    }

    private static Command SweepPick(ToolEnvironment environment)
    {
        var sweep = SweepOptions.ForStep();
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the candidates are and the model, card and latest.json go");
        var runId = RunIdOption();
        var threads = ThreadsOption.Create("LightGBM threads of the refit: the cores train without a sweep would use.");
        return RowStage.Create(
            environment,
            RowProtocol.SweepPick,
            "Every candidate row and a marker row in this one task. Checks every candidate of the sweep finished, keeps the one "
            + "with the lowest validation log-loss (ties: accuracy, then the smaller model), refits it on every packed training "
            + "digit as train without a sweep would, writes runs/<run-id>/model.zip, model-card.json with the sweep, and "
            + "latest.json, then one row.",
            RowProtocol.SweepCandidateOutput,
            RowProtocol.TrainOutput,
            [models, runId, threads, .. sweep.All],
            async stage =>
            {
                var settings = sweep.Read(stage.Parse);
                var arrived = new SortedSet<int>();
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    if (StageRows.ReadPickedCandidate(row) is { } candidate)
                    {
                        arrived.Add(candidate);
                    }
                }

                stage.Log.Info($"rows sweep-pick: {arrived.Count} of {settings.Candidates} candidate row(s) arrived");
                var outcome = await new SweepStage(stage.Open(models), stage.Log, stage.Environment.Clock)
                    .PickAsync(settings, RunKeys.Validate(stage.Parse.GetValue(runId)!), stage.Parse.GetValue(threads), stage.CancellationToken);
                await StageRows.WriteTrainAsync(stage.Writer, outcome);
                return 0;
            });
    }

    private static Command Predict(ToolEnvironment environment)
    {
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model is");
        var runId = RunIdOption();
        var batch = BatchOption();
        return RowStage.Create(
            environment,
            RowProtocol.Predict,
            "Classifies them in batches with the run's model, validating as run-local does; a row per input. Writes no object.",
            RowProtocol.PairInput,
            RowProtocol.PredictOutput,
            [formatA, models, runId, batch],
            async stage =>
            {
                var root = stage.Location(formatA);
                PairPredictor? predictor = null;
                await stage.Reader.ForEachBatchAsync(
                    row => StageRows.ReadPair(row, root),
                    stage.Parse.GetValue(batch),
                    async pending =>
                    {
                        // The model is loaded with the first batch: an empty partition costs no download.
                        predictor ??= await PairPredictor.LoadAsync(stage.Open(models), root, stage.Parse.GetValue(runId)!, stage.CancellationToken);
                        foreach (var prediction in await predictor.PredictAsync(pending, stage.CancellationToken))
                        {
                            await StageRows.WritePredictionAsync(stage.Writer, prediction);
                        }

                        stage.Log.Info($"rows predict: {stage.Reader.RowsRead} row(s) in, {stage.Writer.RowsWritten} row(s) out");
                    },
                    stage.CancellationToken);
                stage.Log.Info($"rows predict: done, {stage.Reader.RowsRead} row(s) in, {stage.Writer.RowsWritten} row(s) out");
                return 0;
            });
    }

    private static Option<int> BatchOption() =>
        new Option<int>("--batch") { Description = "Rows classified at once, at least 1.", DefaultValueFactory = _ => DefaultBatch }
            .Check(size => size >= 1 ? null : $"--batch must be at least 1, not {size}");

    private static Command Report(ToolEnvironment environment)
    {
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root (named in the report)");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model card is");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, where the report goes");
        var runId = RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.Report,
            "All in this one task. Writes runs/<run-id>/report.json, .md, .html and latest.json as evaluate does, then one row.",
            RowProtocol.EvaluationColumns,
            RowProtocol.ReportOutput,
            [formatA, models, reports, runId],
            async stage =>
            {
                var rows = new List<EvaluationRow>();
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    rows.Add(StageRows.ReadEvaluation(row));
                }

                stage.Log.Info($"rows report: {stage.Reader.RowsRead} evaluation row(s) in");
                var outcome = await new EvaluationReportTask(stage.Location(formatA), stage.Open(models), stage.Open(reports), stage.Log, stage.Environment.Clock)
                    .RunAsync(rows, stage.Parse.GetValue(runId)!, stage.CancellationToken);
                await StageRows.WriteReportAsync(stage.Writer, outcome);
                return 0;
            });
    }

    private static Command Score(ToolEnvironment environment)
    {
        var input = StoreOption.Required(RowProtocol.InputOption, "The scoring input the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model is");
        var runId = RunIdOption();
        var batch = BatchOption();
        return RowStage.Create(
            environment,
            RowProtocol.Score,
            "Classifies them in batches with the run's model; a file that is not a readable 28x28 8-bit grayscale PNG is a "
            + "rejection row, never dropped. A row per input. Writes no object.",
            RowProtocol.ScoreInput,
            RowProtocol.ScoreOutput,
            [input, models, runId, batch],
            async stage =>
            {
                var root = stage.Location(input);
                ImageScorer? scorer = null;
                await stage.Reader.ForEachBatchAsync(
                    row => StageRows.ReadScoreInput(row, root),
                    stage.Parse.GetValue(batch),
                    async pending =>
                    {
                        // The model is loaded with the first batch: an empty partition costs no download.
                        scorer ??= await ImageScorer.LoadAsync(stage.Open(models), stage.Parse.GetValue(runId)!, stage.CancellationToken);
                        foreach (var image in scorer.Score(pending))
                        {
                            await StageRows.WriteScoredAsync(stage.Writer, image);
                        }
                    },
                    stage.CancellationToken);
                stage.Log.Info($"rows score: done, {stage.Reader.RowsRead} row(s) in, {stage.Writer.RowsWritten} row(s) out");
                return 0;
            });
    }

    private static Command ScoreSummary(ToolEnvironment environment)
    {
        var input = StoreOption.Required(RowProtocol.InputOption, "The scoring input (named in the summary)");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4 (the model is named in the summary)");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, where predictions/<run-id>/ goes");
        var runId = RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.ScoreSummary,
            "All in this one task. Writes predictions/<run-id>/predictions.jsonl, summary.md and summary.json as score does, then one row.",
            RowProtocol.ScoreOutput,
            RowProtocol.ScoreSummaryOutput,
            [input, models, reports, runId],
            async stage =>
            {
                var images = new List<ScoredImage>();
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    if (StageRows.ReadScored(row) is { } image)
                    {
                        images.Add(image);
                    }
                }

                var run = stage.Parse.GetValue(runId)!;
                var outcome = await ScoreWriter.WriteAsync(
                    stage.Open(reports),
                    images,
                    run,
                    stage.Open(models).UriFor(RunKeys.Model(run)),
                    stage.Open(input).UriFor(string.Empty),
                    stage.Environment.Clock.GetUtcNow(),
                    stage.Log,
                    stage.CancellationToken);
                await StageRows.WriteScoreSummaryAsync(stage.Writer, outcome);
                return 0;
            });
    }

    // Every pair of the input, the marker row left out: the stages that need the whole tree in one task.
    private static async Task<List<PairRow>> ReadPairsAsync(RowStageContext stage, StoreLocation root)
    {
        var pairs = new List<PairRow>();
        await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
        {
            if (StageRows.ReadPair(row, root) is { } pair)
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    private static Option<string> RunIdOption() => new(RowProtocol.RunIdOption) { Description = "The run id.", Required = true };
}
