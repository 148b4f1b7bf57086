namespace MnistEmr.Job.Tests.Local;

/// <summary>run-local end to end on real digits against folders, then the other stages on its output.</summary>
[TestFixture]
public class RunLocalTests
{
    private TempFolder temp = null!;
    private CliRun run = null!;

    private string Work => temp.Sub("work");

    [OneTimeSetUp]
    public async Task RunOnce()
    {
        temp = new TempFolder();
        run = await CliRun.RunAsync($"run-local --source {RealSample.Source} --work {Work} --shards 3 --iterations 40 --run-id first");
    }

    [OneTimeTearDown]
    public void CleanUp() => temp.Dispose();

    [Test]
    public void RunLocal_RealSample_PrintsReportAndHeadlineNumbers()
    {
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Value("run-id"), Is.EqualTo("first"));
        Assert.That(double.Parse(run.Value("accuracy"), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0.8));
        Assert.That(run.Value("test-inputs"), Is.EqualTo(RealSample.Test.ToString()));
        Assert.That(run.Value("test-used"), Is.EqualTo(RealSample.Test.ToString()));
        Assert.That(run.Value("train-used"), Is.EqualTo(RealSample.Train.ToString()));
        Assert.That(File.Exists(run.Value("report-html")), Is.True);
        Assert.That(File.ReadAllText(run.Value("report-html")), Does.Contain("<svg").And.Contain("data:image/png;base64,"));
        Assert.That(File.Exists(Path.Combine(Work, "models", "runs", "first", "model-card.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(Work, "models", "latest.json")), Is.True);
    }

    [Test]
    public async Task TrainAndEvaluate_SameRunIdAgain_KeepTheRunsModelAndReportUntouched()
    {
        var model = Path.Combine(Work, "models", "runs", "first", "model.zip");
        var report = Path.Combine(Work, "reports", "runs", "first", "report.json");
        var modelBytes = await File.ReadAllBytesAsync(model);
        var reportBytes = await File.ReadAllBytesAsync(report);

        // Other hyperparameters, same run: a second cluster of the same run must not replace what the first made.
        var train = await CliRun.RunAsync($"train --format-a {Path.Combine(Work, "format-a")} --models {Path.Combine(Work, "models")} --run-id first --iterations 3");
        var evaluate = await CliRun.RunAsync(
            $"evaluate --format-a {Path.Combine(Work, "format-a")} --models {Path.Combine(Work, "models")} --reports {Path.Combine(Work, "reports")} --run-id first");

        Assert.That(train.ExitCode, Is.EqualTo(0), train.ToString());
        Assert.That(train.Error, Does.Contain("run first is already trained").And.Contain("kept, not overwritten"));
        Assert.That(evaluate.ExitCode, Is.EqualTo(0), evaluate.ToString());
        Assert.That(evaluate.Error, Does.Contain("run first already has a report").And.Contain("kept, not overwritten"));
        Assert.That(await File.ReadAllBytesAsync(model), Is.EqualTo(modelBytes));
        Assert.That(await File.ReadAllBytesAsync(report), Is.EqualTo(reportBytes));
        Assert.That(evaluate.Value("accuracy"), Is.EqualTo(run.Value("accuracy")), "the kept report's numbers");
    }

    [Test]
    public void RunLocal_ModelCard_RecordsTrainerDataHashAndVersions()
    {
        using var card = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Work, "models", "runs", "first", "model-card.json")));
        var root = card.RootElement;

        Assert.That(root.GetProperty("hyperparameters").GetProperty("iterations").GetInt32(), Is.EqualTo(40));
        Assert.That(root.GetProperty("trainingData").GetProperty("dataHash").GetString(), Has.Length.EqualTo(64));
        Assert.That(root.GetProperty("libraries").GetProperty("Microsoft.ML").GetString(), Does.StartWith("5.0"));
        Assert.That(root.GetProperty("trainingSeconds").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Predict_ExplodedPngs_ClassifiesEachAndRejectsBadFile()
    {
        var pngs = Directory.GetFiles(Path.Combine(Work, "format-a", "test"), "*.png", SearchOption.AllDirectories).Order().Take(20).ToList();
        var bad = temp.Sub("bad.png");
        File.WriteAllText(bad, "nope");

        var good = await CliRun.RunAsync($"predict --model {Path.Combine(Work, "models")} {string.Join(' ', pngs)}");
        var mixed = await CliRun.RunAsync($"predict --model {Path.Combine(Work, "models", "runs", "first", "model.zip")} {pngs[0]} {bad}");

        Assert.That(good.ExitCode, Is.EqualTo(0), good.ToString());
        Assert.That(good.OutLines, Has.Count.EqualTo(20));
        var right = good.OutLines.Count(line =>
        {
            var parts = line.Split('\t');
            return File.ReadAllText(Path.ChangeExtension(parts[0], ".txt")) == parts[1];
        });
        Assert.That(right, Is.GreaterThanOrEqualTo(15));
        Assert.That(mixed.ExitCode, Is.EqualTo(4), mixed.ToString());
        Assert.That(mixed.OutLines.Single(l => l.StartsWith(bad, StringComparison.Ordinal)), Does.Contain("\trejected\tnot a readable PNG"));
    }

    [Test]
    public async Task Predict_UnreadableArguments_EachGetsARejectedLineInArgumentOrder()
    {
        var pngs = Directory.GetFiles(Path.Combine(Work, "format-a", "test"), "*.png", SearchOption.AllDirectories).Order().Take(2).ToList();
        var missing = temp.Sub("missing.png");
        var folder = Path.Combine(Work, "format-a", "test");

        var predict = await CliRun.RunAsync($"predict --model {Path.Combine(Work, "models")} {missing} {pngs[0]} {folder} {pngs[1]}");

        Assert.That(predict.ExitCode, Is.EqualTo(4), predict.ToString());
        Assert.That(predict.OutLines.Select(l => l.Split('\t')[0]), Is.EqualTo(new[] { missing, pngs[0], folder, pngs[1] }));
        Assert.That(predict.OutLines[0], Is.EqualTo($"{missing}\trejected\tcannot read: no such file"));
        Assert.That(predict.OutLines[1], Does.Match(@"\t\d\t[01]\.\d{4}$"));
        Assert.That(predict.OutLines[2], Is.EqualTo($"{folder}\trejected\tcannot read: a directory, not a file"));
        Assert.That(predict.OutLines[3], Does.Match(@"\t\d\t[01]\.\d{4}$"));
        Assert.That(predict.Error, Does.Not.Contain("error:"));
    }

    [Test]
    public async Task Predict_DecompressionBomb_IsRejectedFromItsHeader()
    {
        var bomb = temp.Sub("bomb.png");
        File.WriteAllBytes(bomb, CraftedPng.DeclaresHuge());

        var predict = await CliRun.RunAsync($"predict --model {Path.Combine(Work, "models", "runs", "first", "model.zip")} {bomb}");

        Assert.That(predict.ExitCode, Is.EqualTo(4), predict.ToString());
        Assert.That(predict.OutLines.Single(), Is.EqualTo($"{bomb}\trejected\t30000x30000, not 28x28"));
    }

    [Test]
    public async Task Evaluate_TreeWithBadInputs_ReportsThemAndKeepsCountsWhole()
    {
        var formatA = temp.Sub("fa-bad");
        TempFolder.CopyTree(Path.Combine(Work, "format-a", "test"), Path.Combine(formatA, "test"));
        var store = new FolderObjectStore(new FolderStoreLocation(formatA));
        await store.PutAsync("test/zz/orphan.png", PngCodec.EncodeGray(new byte[784], 28, 28), CancellationToken.None);
        await store.PutAsync("test/zz/lonely.txt", "1"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/zz/bad.png", PngCodec.EncodeGray(new byte[784], 28, 28), CancellationToken.None);
        await store.PutAsync("test/zz/bad.txt", "x"u8.ToArray(), CancellationToken.None);

        var evaluate = await CliRun.RunAsync($"evaluate --format-a {formatA} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-bad")}");

        Assert.That(evaluate.ExitCode, Is.EqualTo(0), evaluate.ToString());
        Assert.That(evaluate.Value("test-inputs"), Is.EqualTo((RealSample.Test + 3).ToString()));
        Assert.That(evaluate.Value("test-used"), Is.EqualTo(RealSample.Test.ToString()));
        Assert.That(evaluate.Value("test-rejected"), Is.EqualTo("3"));
        using var report = JsonDocument.Parse(File.ReadAllBytes(evaluate.Value("report-json")));
        Assert.That(report.RootElement.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).Order(),
            Is.EqualTo(new[] { "badLabel", "orphanPng", "orphanTxt" }));
        Assert.That(File.ReadAllText(evaluate.Value("report-md")), Does.Contain("test/zz/lonely.txt"));
    }

    [Test]
    public async Task Evaluate_EmptyTestTree_WritesReportAndExitsIntegrity()
    {
        // An existing, empty FORMAT A folder: an empty tree. A folder that does not exist is "no such folder" (below).
        Directory.CreateDirectory(temp.Sub("empty"));

        var evaluate = await CliRun.RunAsync($"evaluate --format-a {temp.Sub("empty")} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-empty")}");

        Assert.That(evaluate.ExitCode, Is.EqualTo(4), evaluate.ToString());
        Assert.That(evaluate.Error, Does.Contain("no usable test digits"));
        Assert.That(File.Exists(Path.Combine(temp.Sub("reports-empty"), "runs", "first", "report.md")), Is.True);
    }

    [Test]
    public async Task Evaluate_FormatAFolderMissing_IsNoSuchFolderAndWritesNoReport()
    {
        var evaluate = await CliRun.RunAsync($"evaluate --format-a {temp.Sub("typo")} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-typo")}");

        Assert.That(evaluate.ExitCode, Is.EqualTo(3), evaluate.ToString());
        Assert.That(evaluate.Error, Does.Contain($"error: {temp.Sub("typo")}: no such folder"));
        Assert.That(Directory.Exists(temp.Sub("reports-typo")), Is.False);
    }

    [Test]
    public async Task Evaluate_LinksInTheTree_AreRejectionsWithTheirReasonsNeverFollowed()
    {
        var formatA = temp.Sub("fa-links");
        TempFolder.CopyTree(Path.Combine(Work, "format-a", "test"), Path.Combine(formatA, "test"));
        // A loop repeated the tree ~40 times (training on duplicates); a dangling .png failed the run or became an orphanTxt.
        Directory.CreateSymbolicLink(Path.Combine(formatA, "test", "loop"), ".");
        Directory.CreateDirectory(Path.Combine(formatA, "test", "zz"));
        File.CreateSymbolicLink(Path.Combine(formatA, "test", "zz", "gone.png"), Path.Combine(formatA, "nowhere.png"));
        File.WriteAllText(Path.Combine(formatA, "test", "zz", "gone.txt"), "3");

        var evaluate = await CliRun.RunAsync($"evaluate --format-a {formatA} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-links")}");

        Assert.That(evaluate.ExitCode, Is.EqualTo(0), evaluate.ToString());
        Assert.That(evaluate.Value("test-used"), Is.EqualTo(RealSample.Test.ToString()), "the loop adds no duplicate");
        Assert.That(evaluate.Value("test-inputs"), Is.EqualTo((RealSample.Test + 3).ToString()), "two links and the .txt left without its .png");
        using var report = JsonDocument.Parse(File.ReadAllBytes(evaluate.Value("report-json")));
        var rejections = report.RootElement.GetProperty("rejections").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => (Reason: r.GetProperty("reason").GetString(), Detail: r.GetProperty("detail").GetString()));
        Assert.That(rejections.Keys, Is.EquivalentTo(new[] { "test/loop", "test/zz/gone.png", "test/zz/gone.txt" }));
        Assert.That(rejections["test/loop"], Is.EqualTo(("symbolicLink", "a symbolic link to the folder '.'; links are not followed (S3 has none): copy the files instead")));
        Assert.That(rejections["test/zz/gone.png"].Reason, Is.EqualTo("symbolicLink"));
        Assert.That(rejections["test/zz/gone.png"].Detail, Does.Contain("which does not exist"));
        Assert.That(rejections["test/zz/gone.txt"].Reason, Is.EqualTo("orphanTxt"), "the orphan is the file that is there");
    }

    [Test]
    public async Task Evaluate_ShardManifestMissing_RefusesUnlessAllowedThenRecordsTheGapInTheReport()
    {
        var formatA = temp.Sub("fa-incomplete");
        TempFolder.CopyTree(Path.Combine(Work, "format-a", "test"), Path.Combine(formatA, "test"));
        TempFolder.CopyTree(Path.Combine(Work, "format-a", "_manifests", "test"), Path.Combine(formatA, "_manifests", "test"));
        // Stopped after the last shard's digits, before its manifest.
        File.Delete(Path.Combine(formatA, "_manifests", "test", "shard-00002-of-00003.json"));

        var refused = await CliRun.RunAsync($"evaluate --format-a {formatA} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-refused")}");
        var allowed = await CliRun.RunAsync(
            $"evaluate --format-a {formatA} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-allowed")} --allow-incomplete");

        Assert.That(refused.ExitCode, Is.EqualTo(4), refused.ToString());
        Assert.That(refused.Error, Does.Contain(
            $"error: test/ is incomplete: explode finished 2 of its 3 shards (no manifest under _manifests/test/ for shard 2); {RealSample.Test} of its {RealSample.Test} digits are here. "
            + "Run explode again to finish it (it writes the unfinished shards and keeps the finished ones), or pass --allow-incomplete"));
        Assert.That(Directory.Exists(temp.Sub("reports-refused")), Is.False, "no report of an incomplete tree");
        Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.ToString());
        using var report = JsonDocument.Parse(File.ReadAllBytes(allowed.Value("report-json")));
        Assert.That(report.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Has.Some.StartWith("test/ is incomplete"));
    }

    [Test]
    public void RunLocal_ItsOwnExplode_IsCheckedComplete()
    {
        Assert.That(run.Error, Does.Contain($"train/: complete: all 3 shards of explode finished, {RealSample.Train} digits"));
        Assert.That(run.Error, Does.Contain($"test/: complete: all 3 shards of explode finished, {RealSample.Test} digits"));
    }
}
