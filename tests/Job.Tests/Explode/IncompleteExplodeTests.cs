namespace MnistEmr.Job.Tests.Explode;

/// <summary>
/// Train on a tree whose explode did not finish: it used 4,345 of 8,000 digits and exited 0. The tree here is what
/// explode leaves when it is stopped after its second of four shards, with the last digit of a shard half-written
/// (its .png without its .txt): shards 0 and 1 with their manifests, the plan, and nothing of shards 2 and 3.
/// </summary>
[TestFixture]
public class IncompleteExplodeTests
{
    private TempFolder temp = null!;

    private string FormatA => temp.Sub("fa");

    [OneTimeSetUp]
    public async Task ExplodeHalf()
    {
        temp = new TempFolder();
        foreach (var shard in new[] { 0, 1 })
        {
            var run = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {FormatA} --split train --shard {shard} --shards 4");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        }

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FormatA, "_manifests", "train", "shard-00001-of-00004.json")));
        var lastPng = manifest.RootElement.GetProperty("pngKeys").EnumerateArray().Last().GetString()!;
        File.Delete(Path.Combine(FormatA, Path.ChangeExtension(lastPng, ".txt")));
    }

    [OneTimeTearDown]
    public void CleanUp() => temp.Dispose();

    [Test]
    public async Task Train_ExplodeCutShort_RefusesNamingTheMissingShardsAndDigits()
    {
        var run = await CliRun.RunAsync($"train --format-a {FormatA} --models {temp.Sub("refused")} --iterations 5");

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        var error = run.Error.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.That(error, Does.StartWith("error: train/ is incomplete: explode finished 2 of its 4 shards (no manifest under _manifests/train/ for shards 2-3)"));
        Assert.That(error, Does.Contain("1 digit its manifests list is missing a file, e.g. train/"));
        Assert.That(error, Does.Contain($"{(RealSample.Train / 2) - 1} of its {RealSample.Train} digits are here"));
        Assert.That(error, Does.Contain("--allow-incomplete"));
        Assert.That(Directory.Exists(temp.Sub("refused")), Is.False, "no model");
    }

    [Test]
    public async Task Train_ExplodeCutShortWithAllowIncomplete_TrainsOnWhatIsThereAndRecordsTheGap()
    {
        var run = await CliRun.RunAsync($"train --format-a {FormatA} --models {temp.Sub("allowed")} --iterations 5 --allow-incomplete");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Contain("warning: train/ is incomplete: explode finished 2 of its 4 shards").And.Contain("going on with what is here"));
        using var card = JsonDocument.Parse(File.ReadAllBytes(run.Value("card")));
        var data = card.RootElement.GetProperty("trainingData");
        Assert.That(data.GetProperty("used").GetInt32(), Is.EqualTo((RealSample.Train / 2) - 1));
        Assert.That(data.GetProperty("warnings").EnumerateArray().Single().GetString(), Does.StartWith("train/ is incomplete"));
    }

    [Test]
    public async Task Train_ExplodeFinishedLater_IsCompleteAgain()
    {
        using var copy = new TempFolder();
        TempFolder.CopyTree(FormatA, copy.Path);

        var finish = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {copy.Path} --split train --shards 4");
        var train = await CliRun.RunAsync($"train --format-a {copy.Path} --models {copy.Sub("models")} --iterations 5");

        Assert.That(finish.ExitCode, Is.EqualTo(0), finish.ToString());
        Assert.That(train.ExitCode, Is.EqualTo(0), train.ToString());
        Assert.That(train.Error, Does.Contain($"train/: complete: all 4 shards of explode finished, {RealSample.Train} digits"));
        // Training says what it starts on and how long it took (LightGBM's iterations are not observable through ML.NET).
        Assert.That(train.Error, Does.Contain($"training on {RealSample.Train} digits (5 iterations, 31 leaves)").And.Match(@"trained in \d+\.\d s"));
        Assert.That(train.Value("model"), Does.Not.Empty);
    }

    [Test]
    public async Task Train_TreeExplodedAgainWithAnotherSeed_RefusesAsDigitsWouldCountTwice()
    {
        // The second explode writes other keys, overwrites the first's manifests, and leaves the first's digits.
        using var twice = new TempFolder();
        var first = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {twice.Path} --split train --shards 2 --seed first");
        var second = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {twice.Path} --split train --shards 2 --seed second");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());

        var train = await CliRun.RunAsync($"train --format-a {twice.Path} --models {twice.Sub("models")} --iterations 5");

        Assert.That(train.ExitCode, Is.EqualTo(4), train.ToString());
        Assert.That(train.Error, Does.Contain($"train/ is not one explode's: {RealSample.Train:N0} digits are here that its manifests do not list"));
        Assert.That(Directory.Exists(twice.Sub("models")), Is.False, "no model");
    }

    [Test]
    public async Task Train_DigitLostFromAFinishedShard_IsKeptByAPlainExplodeAndRestoredByReExplode()
    {
        // Explode keeps a shard its manifest shows up to date without reading the tree, so a file lost since (here the
        // first digit's label, which the last-label probe does not see) needs a fresh explode, and the refusal says so.
        using var tree = new TempFolder();
        var explode = $"explode --source {RealSample.Source} --format-a {tree.Path} --split train --shards 4";
        Assert.That((await CliRun.RunAsync(explode)).ExitCode, Is.EqualTo(0));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(tree.Path, "_manifests", "train", "shard-00000-of-00004.json")));
        var firstPng = manifest.RootElement.GetProperty("pngKeys").EnumerateArray().First().GetString()!;
        File.Delete(Path.Combine(tree.Path, Path.ChangeExtension(firstPng, ".txt")));

        var plain = await CliRun.RunAsync(explode);
        var refused = await CliRun.RunAsync($"train --format-a {tree.Path} --models {tree.Sub("refused")} --iterations 5");
        var fresh = await CliRun.RunAsync(explode + " --re-explode");
        var train = await CliRun.RunAsync($"train --format-a {tree.Path} --models {tree.Sub("models")} --iterations 5");

        Assert.That(plain.Error, Does.Contain("kept 4 of 4 shards"), plain.ToString());
        Assert.That(refused.ExitCode, Is.EqualTo(4), refused.ToString());
        Assert.That(refused.Error, Does.Contain("1 digit its manifests list is missing a file")
            .And.Contain("Run explode again with --re-explode to rewrite it (a plain explode keeps finished shards), or pass --allow-incomplete"));
        Assert.That(fresh.ExitCode, Is.EqualTo(0), fresh.ToString());
        Assert.That(train.ExitCode, Is.EqualTo(0), train.ToString());
        Assert.That(train.Error, Does.Contain($"train/: complete: all 4 shards of explode finished, {RealSample.Train} digits"));
    }
}
