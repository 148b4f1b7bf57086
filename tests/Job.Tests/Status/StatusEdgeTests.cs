namespace MnistEmr.Job.Tests.Status;

/// <summary><c>status</c> on what an interrupted or damaged local run leaves: the table, not one error line.</summary>
[TestFixture]
public class StatusEdgeTests
{
    [Test]
    public async Task Status_CorruptModelCard_ShowsTheTableWithTrainUnreadable()
    {
        using var temp = new TempFolder();
        var work = await TrainedSample.FolderAsync();
        TempFolder.CopyTree(work, temp.Path);
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "models", "runs", TrainedSample.RunId, "model-card.json"), "{ not json");

        var run = await CliRun.RunAsync($"status {Nodes(temp.Path)}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RunIncomplete), run.ToString());
        Assert.That(run.Out, Does.Contain("mnist-explode").And.Contain("mnist-report").And.Contain("unreadable:"));
        Assert.That(run.Out, Does.Contain("FAILED"));
    }

    [Test]
    public async Task Status_RunLocalCutShortDuringExplode_ShowsTheExplodeProgress()
    {
        using var temp = new TempFolder();
        var work = await TrainedSample.FolderAsync();
        // What a run-local killed while exploding leaves: FORMAT A with some shards' manifests, no models/ or reports/.
        TempFolder.CopyTree(Path.Combine(work, "format-a"), Path.Combine(temp.Path, "format-a"));
        File.Delete(Path.Combine(temp.Path, "format-a", FormatAKeys.ManifestKey(DatasetSplit.Train, 1, 2)));

        var run = await CliRun.RunAsync($"status {Nodes(temp.Path)}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RunIncomplete), run.ToString());
        Assert.That(run.Out, Does.Contain("run (none yet)").And.Contain("train 1/2 shards"));
        Assert.That(run.Out, Does.Contain("train: shard 1 not finished (1 of 2)"));
        Assert.That(run.Out, Does.Contain("runs/<run-id>/model-card.json"), "no made-up run id in the locations");
        Assert.That(run.Error, Does.Not.Contain("error:"));
    }

    private static string Nodes(string root) =>
        $"--format-a {Path.Combine(root, "format-a")} --models {Path.Combine(root, "models")} --reports {Path.Combine(root, "reports")}";
}
