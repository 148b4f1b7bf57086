namespace MnistEmr.Job.Tests.Local;

/// <summary>
/// The generated steps played locally: this test is Spark (input rows built as each step's SQL builds them,
/// one process of the published binary per partition), s3rver is S3. The result must be run-local's: same FORMAT A
/// keys, same training data, same accuracy and confusion matrix on the same sample; and the score step's predictions
/// must be the local <c>score</c>'s, line for line.
/// </summary>
[TestFixture]
[Category("Published")]
public class SparkStepsEndToEndTests
{
    private const string RunId = "spark-sim";

    [Test]
    public async Task Steps_PlayedThroughTheRowProtocol_MatchRunLocal()
    {
        using var cluster = await SimulatedCluster.StartAsync(new SparkSizing { ExplodeShards = 3, EvaluatePartitions = 3, CoreInstanceCount = 1 }, RunId);
        var (server, stores, bucket, locations, sizing, spark) = (cluster.Server, cluster.Stores, cluster.Bucket, cluster.Locations, cluster.Sizing, cluster.Spark);
        var (source, formatA) = (cluster.Source, cluster.FormatA);

        // Step 0, the canary: every check passes against this layout (the loader's manifest included).
        await source.PutAsync(MnistEmr.Common.SourceData.DatasetDefinitionValidator.ManifestName, RealSample.Manifest, CancellationToken.None);
        var verdict = await CanaryPlay.RunAsync(spark, tasks: 3);
        Assert.That(verdict.ExitCode, Is.EqualTo(0), verdict.ToString());
        Assert.That(verdict.Rows.Single()[1], Is.EqualTo("0"), "no check failed");
        Assert.That(int.Parse(verdict.Rows.Single()[0], CultureInfo.InvariantCulture), Is.EqualTo((3 * 5) + 3), "5 checks a task, 3 once");

        // Step 1, explode: range(0, N, 1, N) is N partitions of one shard number each.
        var exploded = await spark.TransformAsync(
            PipelineSteps.Explode.Name, Enumerable.Range(0, sizing.ExplodeShards).Select(i => new[] { i.ToString(CultureInfo.InvariantCulture) }));
        Assert.That(exploded.Where(r => r[1] == "train").Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)), Is.EqualTo(RealSample.Train));
        Assert.That(exploded.Where(r => r[1] == "test").Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)), Is.EqualTo(RealSample.Test));
        Assert.That(exploded.Select(r => r[3]), Has.All.StartWith($"{bucket}/format-a/_manifests/"));

        // Step 2, train: train/ listed by the job, fetched over the step's tasks, then every pair plus the marker row in one task.
        var trainRows = (await spark.FetchedAsync(PipelineSteps.Train.Name)).SelectMany(p => p).ToList();
        trainRows.Add(SparkSimulator.Row(null, null, null));
        var trained = (await spark.TransformAsync(PipelineSteps.Train.Name, [trainRows], RowProtocol.Train)).Single();
        Assert.That(trained[0], Is.EqualTo(RunId));
        Assert.That(trained[1], Is.EqualTo($"{bucket}/models/runs/{RunId}/model.zip"));
        Assert.That(trained[4], Is.EqualTo(RealSample.Train.ToString(CultureInfo.InvariantCulture)));

        // Step 3, evaluate: a bad pair and a stray file join the test tree; the rows spread over the partitions.
        await formatA.PutAsync("test/zz/bad.png", PngCodec.EncodeGray(new byte[28 * 28], 28, 28), CancellationToken.None);
        await formatA.PutAsync("test/zz/bad.txt", "x\n"u8.ToArray(), CancellationToken.None);
        await formatA.PutAsync("test/zz/notes.md", "stray"u8.ToArray(), CancellationToken.None);
        // A stray file named exactly like a digit's stem, beside that digit: grouped apart, rejected, the digit still used.
        string? firstPng = null;
        await foreach (var key in formatA.ListAsync("test/", CancellationToken.None))
        {
            if (key.EndsWith(".png", StringComparison.Ordinal))
            {
                firstPng = key;
                break;
            }
        }

        var strayStem = firstPng![..^4];
        await formatA.PutAsync(strayStem, "stray"u8.ToArray(), CancellationToken.None);
        // Zero-byte objects, which Spark's own listing drops: an empty .png with its label, and an empty label with its .png.
        await formatA.PutAsync("test/zz/empty.png", Array.Empty<byte>(), CancellationToken.None);
        await formatA.PutAsync("test/zz/empty.txt", "3\n"u8.ToArray(), CancellationToken.None);
        await formatA.PutAsync("test/zz/unlabelled.png", PngCodec.EncodeGray(new byte[28 * 28], 28, 28), CancellationToken.None);
        await formatA.PutAsync("test/zz/unlabelled.txt", Array.Empty<byte>(), CancellationToken.None);
        // Evaluate: listed, fetched and predicted in the same tasks (the fetch TRANSFORM feeds the predict one, no shuffle between).
        var predictions = new List<string[]>();
        foreach (var partition in await spark.FetchedAsync(PipelineSteps.Evaluate.Name))
        {
            predictions.AddRange(partition.Count == 0 ? [] : await spark.TransformAsync(PipelineSteps.Evaluate.Name, [partition], RowProtocol.Predict));
        }

        Assert.That(predictions, Has.Count.EqualTo(RealSample.Test + 5), "one row per input: used digits and rejections");
        Assert.That(predictions.Where(p => p[7] != "\\N").Select(p => $"{p[0]} {p[7]}"), Is.EquivalentTo(new[]
        {
            "test/zz/bad.txt BadLabel", "test/zz/notes.md UnexpectedFile", $"{strayStem} UnexpectedFile",
            "test/zz/empty.png EmptyFile", "test/zz/unlabelled.txt EmptyFile",
        }));

        // Step 4, report: the evaluation rows (GROUP BY counts, mistakes, rejections) and the marker, in one task.
        var evaluation = SparkSimulator.EvaluationRows(predictions);
        evaluation.Insert(0, SparkSimulator.Row("run", null, null, null, null, null, null, null, null, null, null));
        var reported = (await spark.TransformAsync(PipelineSteps.Report.Name, [evaluation])).Single();
        Assert.That(reported[1], Is.EqualTo($"{bucket}/reports/runs/{RunId}/report.html"));

        // Step 5, score: the inbox marker (one task), the inbox's .png files as binaryFile rows (pathGlobFilter and the
        // hidden-name rule applied) spread over the partitions, then every score row and the marker row in one task.
        var inboxUri = ScoreStep.InputUri(locations);
        var inbox = stores.Open(StoreLocation.Parse(inboxUri, "--input"));
        var digits = new List<byte[]>();
        await foreach (var key in formatA.ListAsync("test/", CancellationToken.None))
        {
            if (key.EndsWith(".png", StringComparison.Ordinal) && !key.StartsWith("test/zz/", StringComparison.Ordinal) && digits.Count < 7)
            {
                digits.Add((await formatA.GetAsync(key, CancellationToken.None))!);
            }
        }

        var good = await ScoreSample.WriteAsync(inbox, digits);
        // A zero-byte .png is an input like any other (Spark's listing would have dropped it), and a zero-byte .txt is no input.
        await inbox.PutAsync("empty.png", Array.Empty<byte>(), CancellationToken.None);
        await inbox.PutAsync("empty.txt", Array.Empty<byte>(), CancellationToken.None);
        var scored = new List<string[]>();
        var inputs = 0;
        foreach (var partition in await spark.FetchedAsync(PipelineSteps.Score.Name))
        {
            // The score TRANSFORM takes (path, png) of the fetched (path, png, label) rows.
            var files = partition.Select(r => string.Join('\t', r.Split('\t')[..2])).ToList();
            inputs += files.Count;
            scored.AddRange(files.Count == 0 ? [] : await spark.TransformAsync(PipelineSteps.Score.Name, [files], RowProtocol.Score));
        }

        Assert.That(inputs, Is.EqualTo(good.Count + ScoreSample.Rejected.Count + 1 + 3), "the hidden file, notes.txt and empty.txt are listed (to be skipped), and empty.png");
        Assert.That(scored.Where(r => r[7] == "Skipped").Select(r => r[0]).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "_hidden/digit.png", "bad/notes.txt", "empty.txt" }));
        var summaryRows = scored.Select(r => string.Join('\t', r)).Append(SparkSimulator.Row(new string?[RowProtocol.ScoreOutput.Count])).ToList();
        var summarized = (await spark.TransformAsync(PipelineSteps.Score.Name, [summaryRows], RowProtocol.ScoreSummary)).Single();
        Assert.That(summarized[1], Is.EqualTo(ScoreStep.PredictionsUri(locations, RunId) + "predictions.jsonl"));
        Assert.That(summarized[3..], Is.EqualTo(new[] { "11", "7", "4", "3" }), "inputs = scored + rejected, the empty .png among the rejected; the three skipped files counted apart");
        Assert.That(scored.Where(r => r[7] == "EmptyFile").Select(r => r[0]), Is.EqualTo(new[] { "empty.png" }));

        // The same inbox through the local score, with the model the steps trained: the same lines, the same summary.
        using var scoredLocally = new TempFolder();
        var localScore = await CliRun.RunAsync(
            $"score --model {locations.ModelUri} --run {RunId} --input {inboxUri} --output {scoredLocally.Path} --endpoint {server.Endpoint}");
        Assert.That(localScore.ExitCode, Is.EqualTo(0), localScore.ToString());
        var predictionsKey = ScoreKeys.PredictionLines(RunId);
        var sparkLines = Encoding.UTF8.GetString((await ReportsOf(stores, locations).GetAsync(predictionsKey, CancellationToken.None))!);
        Assert.That(sparkLines.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(good.Count));
        Assert.That(sparkLines, Is.EqualTo(await File.ReadAllTextAsync(Path.Combine(scoredLocally.Path, predictionsKey))));
        var sparkSummary = JobJson.Deserialize<ScoreSummary>((await ReportsOf(stores, locations).GetAsync(ScoreKeys.SummaryJson(RunId), CancellationToken.None))!, "summary");
        var localSummary = JobJson.Deserialize<ScoreSummary>(await File.ReadAllBytesAsync(localScore.Value("summary-json")), "local summary");
        Assert.That((sparkSummary.Inputs, sparkSummary.Scored, sparkSummary.Rejected), Is.EqualTo((localSummary.Inputs, localSummary.Scored, localSummary.Rejected)));
        Assert.That(sparkSummary.CountsByDigit, Is.EqualTo(localSummary.CountsByDigit));
        Assert.That(sparkSummary.Rejections, Is.EqualTo(localSummary.Rejections));
        Assert.That(sparkSummary.Skipped, Is.EqualTo(3));
        Assert.That(sparkSummary.SkippedFiles, Is.EqualTo(localSummary.SkippedFiles));
        static IEnumerable<string> Lines(string markdown) =>
            markdown.Split('\n').Where(l => !l.StartsWith("- Written: ", StringComparison.Ordinal) && !l.StartsWith("- Predictions: ", StringComparison.Ordinal));
        var sparkMarkdown = Encoding.UTF8.GetString((await ReportsOf(stores, locations).GetAsync(ScoreKeys.SummaryMarkdown(RunId), CancellationToken.None))!);
        Assert.That(Lines(sparkMarkdown), Is.EqualTo(Lines(await File.ReadAllTextAsync(localScore.Value("summary-md")))), "the same summary.md, but for the time and where it is");
        Assert.That((sparkSummary.ModelUri, sparkSummary.InputUri), Is.EqualTo((localSummary.ModelUri, localSummary.InputUri)));

        // The same sample through run-local, in-process, against folders.
        using var local = new TempFolder();
        var sourceFolder = local.Sub("source");
        Directory.CreateDirectory(sourceFolder);
        foreach (var file in RealSample.Files.Files)
        {
            await File.WriteAllBytesAsync(Path.Combine(sourceFolder, file.Name), file.Content);
        }

        var runLocal = await CliRun.RunAsync($"run-local --source {sourceFolder} --work {local.Sub("work")} --shards 2 --run-id local");
        Assert.That(runLocal.ExitCode, Is.EqualTo(0), runLocal.ToString());

        // FORMAT A: the same keys (minus the three added files).
        var sparkKeys = await Keys(formatA);
        var localKeys = await Keys(new FolderObjectStore(new FolderStoreLocation(local.Sub("work/format-a"))));
        Assert.That(sparkKeys.Where(k => !k.StartsWith("test/zz/", StringComparison.Ordinal) && k != strayStem), Is.EqualTo(localKeys));

        // Model: same training data; report: same accuracy, matrix and used counts; the rejections on top.
        var models = stores.Open(StoreLocation.Parse(locations.ModelUri, "--models"));
        var card = JobJson.Deserialize<ModelCard>((await models.GetAsync($"runs/{RunId}/model-card.json", CancellationToken.None))!, "card");
        var localCard = JobJson.Deserialize<ModelCard>(await File.ReadAllBytesAsync(local.Sub("work/models/runs/local/model-card.json")), "local card");
        Assert.That(card.TrainingData.DataHash, Is.EqualTo(localCard.TrainingData.DataHash));
        Assert.That(card.TrainingData.Uri, Is.EqualTo($"{bucket}/format-a/train/"));

        var reports = stores.Open(StoreLocation.Parse(locations.ReportUri, "--reports"));
        var report = JobJson.Deserialize<EvaluationReport>((await reports.GetAsync($"runs/{RunId}/report.json", CancellationToken.None))!, "report");
        var localReport = JobJson.Deserialize<EvaluationReport>(await File.ReadAllBytesAsync(local.Sub("work/reports/runs/local/report.json")), "local report");
        Assert.That(report.Metrics.Accuracy, Is.EqualTo(localReport.Metrics.Accuracy));
        Assert.That(report.Metrics.Confusion, Is.EqualTo(localReport.Metrics.Confusion));
        Assert.That(report.Metrics.MacroF1, Is.EqualTo(localReport.Metrics.MacroF1));
        Assert.That(report.Metrics.LogLoss, Is.EqualTo(localReport.Metrics.LogLoss).Within(1e-9));
        Assert.That(report.Counts.Used, Is.EqualTo(localReport.Counts.Used));
        Assert.That(report.Counts.Rejected, Is.EqualTo(5));
        Assert.That(report.Misclassified.Select(m => m.Key), Is.EqualTo(localReport.Misclassified.Select(m => m.Key)));
        Assert.That(report.TestDataUri, Is.EqualTo($"{bucket}/format-a/test/"));
        Assert.That(double.Parse(reported[3], CultureInfo.InvariantCulture), Is.EqualTo(localReport.Metrics.Accuracy));
        Assert.That(runLocal.Value("accuracy"), Is.EqualTo(localReport.Metrics.Accuracy.ToString("F4", CultureInfo.InvariantCulture)));
        var html = Encoding.UTF8.GetString((await reports.GetAsync($"runs/{RunId}/report.html", CancellationToken.None))!);
        Assert.That(html, Does.Contain("<svg").And.Contain("data:image/png;base64,"), "mistakes shown from the PNGs that crossed the protocol");
    }

    private static IObjectStore ReportsOf(ObjectStoreFactory stores, StepLocations locations) => stores.Open(StoreLocation.Parse(locations.ReportUri, "--reports"));

    private static async Task<List<string>> Keys(IObjectStore store)
    {
        var keys = new List<string>();
        foreach (var prefix in new[] { "train/", "test/" })
        {
            await foreach (var key in store.ListAsync(prefix, CancellationToken.None))
            {
                keys.Add(key);
            }
        }

        return keys.Order(StringComparer.Ordinal).ToList();
    }
}
