using System.Text.Json;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Tests.Support;

namespace MnistJob.Tests.Cli;

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
        CopyTree(Path.Combine(Work, "format-a", "test"), Path.Combine(formatA, "test"));
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
        var evaluate = await CliRun.RunAsync($"evaluate --format-a {temp.Sub("empty")} --models {Path.Combine(Work, "models")} --reports {temp.Sub("reports-empty")}");

        Assert.That(evaluate.ExitCode, Is.EqualTo(4), evaluate.ToString());
        Assert.That(evaluate.Error, Does.Contain("no usable test digits"));
        Assert.That(File.Exists(Path.Combine(temp.Sub("reports-empty"), "runs", "first", "report.md")), Is.True);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
