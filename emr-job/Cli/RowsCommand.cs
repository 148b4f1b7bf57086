using System.CommandLine;
using System.Text;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Rows;
using MnistJob.Stages;
using MnistJob.Steps;

namespace MnistJob.Cli;

/// <summary>
/// <c>rows</c>: the stages as Spark SQL script transformations (<c>SELECT TRANSFORM ... USING</c>) call them.
/// Each reads Hive text rows on stdin until its end, writes result rows on stdout (flushed row by row) and logs
/// on stderr; a failure exits non-zero, so Spark fails and retries the task. The names come from
/// <see cref="RowProtocol"/>, as do the steps' SQL.
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
        Explode(environment), Train(environment), Predict(environment), Report(environment),
    };

    private static Command Canary(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var source = StoreOption.Required(RowProtocol.SourceOption, "S3|1, the loader's four IDX files and manifest.json");
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, the models root");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, the reports root");
        var runId = RunIdOption();
        var command = new Command(
            RowProtocol.Canary,
            $"Input rows: ({Columns(RowProtocol.CanaryInput)}). Per task: the job starts, LightGBM loads and trains, a probe object is "
            + "written, read back and deleted under S3|2, S3|4 and S3|3, and a write to S3|1 is denied (on AWS); task 0 also checks S3|1 against the loader's manifest and writes "
            + $"the probe tree. Writes one row ({Columns(RowProtocol.CanaryOutput)}) per check; a failed check is a row, not an exit.")
        {
            source, formatA, models, reports, runId,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var sourceLocation = StoreOption.Read(parse, source);
            var task = new CanaryTask(
                stores.Open(sourceLocation),
                stores.Open(StoreOption.Read(parse, formatA)),
                stores.Open(StoreOption.Read(parse, models)),
                stores.Open(StoreOption.Read(parse, reports)),
                log,
                // IAM exists only on AWS itself: against an S3-compatible endpoint or folders nothing refuses a write.
                sourceMustBeReadOnly: parse.GetValue(common.Endpoint) is null && sourceLocation is S3StoreLocation);
            var writer = new RowWriter(environment.Out);
            var reader = new RowReader(environment.In, RowProtocol.Canary, RowProtocol.CanaryInput.Count);
            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                foreach (var check in await task.RunAsync(HiveTextRows.Int(row[0], "task", reader.RowsRead), parse.GetValue(runId)!, cancellationToken))
                {
                    await WriteCheckAsync(writer, check);
                }
            }

            return 0;
        }, token));
        return command;
    }

    private static Command CanaryProbe(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var runId = RunIdOption();
        var command = new Command(
            RowProtocol.CanaryProbe,
            $"Input rows: ({Columns(RowProtocol.PairInput)}), the canary's probe tree as the binaryFile pairs view delivers it, all in one "
            + $"task. Writes one row ({Columns(RowProtocol.CanaryOutput)}): whether exactly the probe tree arrived, byte for byte.")
        {
            formatA, runId,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var root = StoreOption.Read(parse, formatA);
            var reader = new RowReader(environment.In, RowProtocol.CanaryProbe, RowProtocol.PairInput.Count);
            var pairs = new List<PairRow>();
            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                if (ToPair(row, root, reader.RowsRead) is { } pair)
                {
                    pairs.Add(pair);
                }
            }

            var problems = CanaryProbeTree.Differences(pairs, parse.GetValue(runId)!);
            await WriteCheckAsync(new RowWriter(environment.Out), new CanaryCheck(
                0, CanaryCheck.BinaryFileRead, problems.Count == 0,
                problems.Count == 0 ? $"{pairs.Count} rows: the probe tree, paired by name, byte for byte" : string.Join("; ", problems)));
            return 0;
        }, token));
        return command;
    }

    private static Command CanaryVerdict(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var runId = RunIdOption();
        var command = new Command(
            RowProtocol.CanaryVerdict,
            $"Input rows: ({Columns(RowProtocol.CanaryOutput)}), every canary check, all in one task. Writes one row "
            + $"({Columns(RowProtocol.VerdictOutput)}) when every check passed; otherwise exits 4 with one line naming each failed check.")
        {
            runId,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var reader = new RowReader(environment.In, RowProtocol.CanaryVerdict, RowProtocol.CanaryOutput.Count);
            var checks = new List<CanaryCheck>();
            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                // The marker row (all NULL) only makes the single task run.
                if (row[1] is null)
                {
                    continue;
                }

                var n = reader.RowsRead;
                checks.Add(new CanaryCheck(
                    HiveTextRows.Int(row[0], "task", n),
                    HiveTextRows.Unescape(row[1]!),
                    HiveTextRows.Required(row, 2, "passed", n) == "true",
                    row[3] is { } detail ? HiveTextRows.Unescape(detail) : string.Empty));
            }

            var count = Stages.CanaryVerdict.Judge(checks);
            log.Info($"rows canary-verdict: all {count} checks passed for run {parse.GetValue(runId)}");
            await new RowWriter(environment.Out).WriteAsync(HiveTextRows.Number(count), HiveTextRows.Number(0));
            return 0;
        }, token));
        return command;
    }

    private static Task WriteCheckAsync(RowWriter writer, CanaryCheck check) =>
        writer.WriteAsync(HiveTextRows.Number(check.Task), check.Probe, check.Passed ? "true" : "false", check.Detail);

    private static Command Explode(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var layout = new LayoutOptions();
        var source = StoreOption.Required(RowProtocol.SourceOption, "S3|1, the four IDX .gz files");
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root");
        var shards = ShardsOption.Create("Shards per split.", required: true);
        var command = new Command(
            RowProtocol.Explode,
            $"Input rows: ({Columns(RowProtocol.ExplodeInput)}). Explodes that shard of both splits into FORMAT A, then "
            + $"writes ({Columns(RowProtocol.ExplodeOutput)}) per split. A re-run shard rewrites the same keys.")
        {
            source, formatA, shards,
        };
        layout.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var task = new ExplodeShardTask(
                stores.Open(StoreOption.Read(parse, source)),
                stores.Open(StoreOption.Read(parse, formatA)),
                new FormatALayout(layout.Read(parse)),
                log,
                environment.Clock);
            var writer = new RowWriter(environment.Out);
            var reader = new RowReader(environment.In, RowProtocol.Explode, RowProtocol.ExplodeInput.Count);
            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                var shard = HiveTextRows.Int(row[0], "shard", reader.RowsRead);
                foreach (var result in await task.RunAsync(shard, parse.GetValue(shards), cancellationToken))
                {
                    await writer.WriteAsync(
                        HiveTextRows.Number(result.Shard), MnistFiles.NameOf(result.Split), HiveTextRows.Number(result.Digits), result.ManifestUri);
                }
            }

            log.Info($"rows explode: {reader.RowsRead} shard row(s) in, {writer.RowsWritten} row(s) out");
            return 0;
        }, token));
        return command;
    }

    private static Command Train(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var trainer = new TrainerOptions();
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the model and card go");
        var runId = RunIdOption();
        var command = new Command(
            RowProtocol.Train,
            $"Input rows: ({Columns(RowProtocol.PairInput)}), every train pair in this one task. Trains as run-local does and "
            + $"writes runs/<run-id>/model.zip, model-card.json and latest.json, then one row ({Columns(RowProtocol.TrainOutput)}).")
        {
            formatA, models, runId,
        };
        trainer.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var root = StoreOption.Read(parse, formatA);
            var reader = new RowReader(environment.In, RowProtocol.Train, RowProtocol.PairInput.Count);
            var pairs = new List<PairRow>();
            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                if (ToPair(row, root, reader.RowsRead) is { } pair)
                {
                    pairs.Add(pair);
                }
            }

            log.Info($"rows train: {reader.RowsRead} row(s) in, {pairs.Count} FORMAT A name(s)");
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var outcome = await new PairTrainTask(root, stores.Open(StoreOption.Read(parse, models)), log, environment.Clock)
                .RunAsync(pairs, trainer.Read(parse), parse.GetValue(runId)!, cancellationToken);
            var data = outcome.Card.TrainingData;
            await new RowWriter(environment.Out).WriteAsync(
                outcome.Card.RunId, outcome.ModelUri, outcome.CardUri,
                HiveTextRows.Number(data.Inputs), HiveTextRows.Number(data.Used), HiveTextRows.Number(data.Rejected),
                HiveTextRows.Number(outcome.Card.TrainingSeconds));
            return 0;
        }, token));
        return command;
    }

    private static Command Predict(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model is");
        var runId = RunIdOption();
        var batch = new Option<int>("--batch") { Description = "Rows classified at once.", DefaultValueFactory = _ => DefaultBatch };
        var command = new Command(
            RowProtocol.Predict,
            $"Input rows: ({Columns(RowProtocol.PairInput)}). Classifies them in batches with the run's model, validating as "
            + $"run-local does; writes ({Columns(RowProtocol.PredictOutput)}) per input. Writes no object.")
        {
            formatA, models, runId, batch,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var size = parse.GetValue(batch);
            if (size < 1)
            {
                throw ToolException.Usage($"--batch must be at least 1, not {size}");
            }

            var root = StoreOption.Read(parse, formatA);
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            PairPredictor? predictor = null;
            var reader = new RowReader(environment.In, RowProtocol.Predict, RowProtocol.PairInput.Count);
            var writer = new RowWriter(environment.Out);
            var pending = new List<PairRow>(size);

            async Task FlushAsync()
            {
                if (pending.Count == 0)
                {
                    return;
                }

                // The model is loaded on the first row: an empty partition costs no download.
                predictor ??= await PairPredictor.LoadAsync(stores.Open(StoreOption.Read(parse, models)), root, parse.GetValue(runId)!, cancellationToken);
                foreach (var p in await predictor.PredictAsync(pending, cancellationToken))
                {
                    var rejected = p.Rejection is not null;
                    await writer.WriteAsync(
                        p.Key,
                        p.Actual is { } actual ? HiveTextRows.Number(actual) : null,
                        p.Predicted is { } predicted ? HiveTextRows.Number(predicted) : null,
                        rejected ? null : HiveTextRows.Number(p.Confidence),
                        rejected ? null : HiveTextRows.Number(p.Loss),
                        rejected ? null : HiveTextRows.Number(p.Seconds),
                        p.Png is { } png ? Convert.ToBase64String(png) : null,
                        p.Rejection?.Reason.ToString(),
                        p.Rejection?.Detail);
                }

                log.Info($"rows predict: {reader.RowsRead} row(s) in, {writer.RowsWritten} row(s) out");
                pending.Clear();
            }

            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                if (ToPair(row, root, reader.RowsRead) is { } pair)
                {
                    pending.Add(pair);
                    if (pending.Count == size)
                    {
                        await FlushAsync();
                    }
                }
            }

            await FlushAsync();
            log.Info($"rows predict: done, {reader.RowsRead} row(s) in, {writer.RowsWritten} row(s) out");
            return 0;
        }, token));
        return command;
    }

    private static Command Report(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root (named in the report)");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model card is");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, where the report goes");
        var runId = RunIdOption();
        var command = new Command(
            RowProtocol.Report,
            $"Input rows: ({Columns(RowProtocol.EvaluationColumns)}), all in this one task. Writes runs/<run-id>/report.json, "
            + $".md, .html and latest.json as evaluate does, then one row ({Columns(RowProtocol.ReportOutput)}).")
        {
            formatA, models, reports, runId,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var reader = new RowReader(environment.In, RowProtocol.Report, RowProtocol.EvaluationColumns.Count);
            var rows = new List<EvaluationRow>();
            await foreach (var row in reader.ReadAllAsync(cancellationToken))
            {
                var n = reader.RowsRead;
                rows.Add(new EvaluationRow(
                    HiveTextRows.Required(row, 0, "kind", n),
                    row[1] is { } key ? HiveTextRows.Unescape(key) : null,
                    HiveTextRows.OptionalInt(row[2], "actual", n),
                    HiveTextRows.OptionalInt(row[3], "predicted", n),
                    HiveTextRows.Long(row[4], "n", n),
                    HiveTextRows.Double(row[5], "loss", n),
                    HiveTextRows.Double(row[6], "seconds", n),
                    HiveTextRows.Double(row[7], "confidence", n),
                    HiveTextRows.Base64(row[8], "png", n),
                    row[9],
                    row[10] is { } detail ? HiveTextRows.Unescape(detail) : null));
            }

            log.Info($"rows report: {reader.RowsRead} evaluation row(s) in");
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var outcome = await new EvaluationReportTask(
                    StoreOption.Read(parse, formatA),
                    stores.Open(StoreOption.Read(parse, models)),
                    stores.Open(StoreOption.Read(parse, reports)),
                    log,
                    environment.Clock)
                .RunAsync(rows, parse.GetValue(runId)!, cancellationToken);
            var report = outcome.Report;
            await new RowWriter(environment.Out).WriteAsync(
                report.RunId, outcome.HtmlUri, outcome.JsonUri,
                HiveTextRows.Number(report.Metrics.Accuracy), HiveTextRows.Number(report.Metrics.MacroF1), HiveTextRows.Number(report.Metrics.LogLoss),
                HiveTextRows.Number(report.Counts.Used), HiveTextRows.Number(report.Counts.Rejected));
            return 0;
        }, token));
        return command;
    }

    private static Option<string> RunIdOption() => new(RowProtocol.RunIdOption) { Description = "The run id.", Required = true };

    // A (path, png, label) row as a pair: the path (base64 of the URI Spark listed, extension stripped) becomes a key
    // relative to the FORMAT A root. The marker row (NULL path) is none.
    private static PairRow? ToPair(string?[] row, StoreLocation root, long rowNumber)
    {
        if (row[0] is null)
        {
            return row[1] is null && row[2] is null
                ? null
                : throw ToolException.Integrity($"row {rowNumber}: path is NULL but png or label is not");
        }

        string path;
        try
        {
            path = new UTF8Encoding(false, true).GetString(HiveTextRows.Base64(row[0], "path", rowNumber)!);
        }
        catch (DecoderFallbackException)
        {
            throw ToolException.Integrity($"row {rowNumber}: path is not UTF-8");
        }

        return new PairRow(SparkPaths.RelativeKey(root, path), HiveTextRows.Base64(row[1], "png", rowNumber), HiveTextRows.Base64(row[2], "label", rowNumber));
    }

    private static string Columns(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
