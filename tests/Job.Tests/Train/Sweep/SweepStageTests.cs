namespace MnistEmr.Job.Tests.Train.Sweep;

/// <summary>A sweep of 3 on the real sample, once for the fixture: what it keeps, what it reads, what a retry leaves.</summary>
[TestFixture]
public class SweepStageTests
{
    private const string RunId = "sweep";
    private static readonly SweepSettings Sweep = new(3, 5);
    private TempFolder temp = null!;
    private FolderObjectStore formatA = null!;
    private FolderObjectStore models = null!;
    private SplitGuardStore guard = null!;
    private TrainResult result = null!;

    [OneTimeSetUp]
    public async Task SweepTheSampleAsync()
    {
        temp = new TempFolder();
        formatA = new FolderObjectStore(new FolderStoreLocation(Path.Combine(temp.Path, "format-a")));
        models = new FolderObjectStore(new FolderStoreLocation(Path.Combine(temp.Path, "models")));
        var explode = new ExplodeStage(formatA, new FormatALayout(new FormatALayoutSettings("sweep-seed", 1, 3, 4)), SilentToolLog.Instance, TimeProvider.System);
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            var digits = await RealSample.ReadSplitAsync(split);
            foreach (var shard in ShardRange.All(2, digits.Count))
            {
                await explode.RunShardAsync(digits, split, shard, 4, CancellationToken.None);
            }
        }

        // The test digits sit beside the training tree; reading any of them fails the sweep.
        guard = new SplitGuardStore(formatA, MnistFiles.PrefixOf(DatasetSplit.Test));
        result = await new TrainStage(guard, models, SilentToolLog.Instance, TimeProvider.System)
            .RunAsync(new TrainerSettings(), Sweep, RunId, CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Clean() => temp.Dispose();

    [Test]
    public async Task Sweep_KeepsTheCandidateWhoseRecomputedValidationLogLossIsLowest()
    {
        var scan = await FormatAReader.ScanAsync(formatA, DatasetSplit.Train, SilentToolLog.Instance, CancellationToken.None);
        var (_, validation) = ValidationSplit.Split(scan.Used, Sweep.Seed);
        var recomputed = new List<double>();
        for (var index = 0; index < Sweep.Candidates; index++)
        {
            using var zip = new MemoryStream((await models.GetAsync(RunKeys.CandidateModel(RunId, index), CancellationToken.None))!);
            var model = DigitModel.Load(new MLContext(1), zip, "candidate");
            var predictions = model.Predict(validation.Select(d => d.Pixels).ToList());
            recomputed.Add(LogLoss.Compute(validation.Select((d, i) => (d.Label, predictions[i].Probabilities))));
        }

        var sweep = result.Card.Sweep!;
        var best = recomputed.IndexOf(recomputed.Min());
        Assert.That(sweep.Kept, Is.EqualTo(best), $"recomputed validation log-losses: {string.Join(", ", recomputed)}");
        Assert.That(sweep.Candidates.Select(c => c.ValidationLogLoss), Is.EqualTo(recomputed).Within(1e-9));
        Assert.That(sweep.ValidationDigits, Is.EqualTo(validation.Count).And.GreaterThan(0));
        Assert.That(sweep.FitDigits + sweep.ValidationDigits, Is.EqualTo(RealSample.Train));
        Assert.That(result.Card.Hyperparameters, Is.EqualTo(sweep.Candidates[best].Settings));
        Assert.That(result.Card.ModelSha256, Is.Not.EqualTo(sweep.Candidates[best].ModelSha256), "model.zip is the kept settings refitted, not the candidate's own");
        var latest = JobJson.Deserialize<RunPointer>((await models.GetAsync(RunKeys.Latest, CancellationToken.None))!, "latest");
        Assert.That(latest.RunId, Is.EqualTo(RunId));
    }

    [Test]
    public void Sweep_KeptModel_IsFittedOnEveryTrainingDigit_AndTimedForTheWholeSweep()
    {
        var card = result.Card;
        var sweep = card.Sweep!;

        Assert.That(sweep.RefitDigits, Is.EqualTo(RealSample.Train), "the fit and validation parts together");
        Assert.That(card.TrainingData.Used, Is.EqualTo(RealSample.Train));
        Assert.That(sweep.FitDigits, Is.LessThan(RealSample.Train));
        Assert.That(card.TrainingSeconds, Is.EqualTo(sweep.SweepSeconds));
        Assert.That(card.TrainingSeconds, Is.GreaterThanOrEqualTo(sweep.Candidates.Max(c => c.TrainingSeconds) + sweep.RefitSeconds - 0.5),
            "the candidates, then the refit");
    }

    // The guarantee: a sweep that keeps the base configuration writes the model train without a sweep writes (the
    // same trees: the zips differ only in their entries' timestamps), so it can only change the model when another
    // configuration beat the base on the validation part.
    [Test]
    public async Task Pick_KeepingTheBaseConfiguration_WritesTheModelOfNoSweep()
    {
        using var other = new TempFolder();
        var store = await CopyBeforeThePickAsync(other.Path);

        // Candidate 0 made the best on validation, whatever the sample gave.
        var base0 = JobJson.Deserialize<CandidateResult>((await store.GetAsync(RunKeys.CandidateResult(RunId, 0), CancellationToken.None))!, "candidate 0");
        await store.PutAsync(RunKeys.CandidateResult(RunId, 0), JobJson.Serialize(base0 with { ValidationLogLoss = 0 }), CancellationToken.None);

        var picked = await new SweepStage(store, SilentToolLog.Instance, TimeProvider.System).PickAsync(Sweep, RunId, 2, CancellationToken.None);
        var plain = await new TrainStage(formatA, store, SilentToolLog.Instance, TimeProvider.System, threads: 2)
            .RunAsync(new TrainerSettings(), "no-sweep", CancellationToken.None);

        Assert.That(picked.Card.Sweep!.Kept, Is.EqualTo(0));
        var test = await RealSample.ReadSplitAsync(DatasetSplit.Test);
        var digits = Enumerable.Range(0, Math.Min(300, test.Count)).Select(i => test[i].Pixels.ToArray()).ToList();
        var swept = await ProbabilitiesAsync(store, RunId, digits);
        var alone = await ProbabilitiesAsync(store, "no-sweep", digits);
        Assert.That(swept, Is.EqualTo(alone), "the same probabilities, to the last bit, on the test digits");
        Assert.That(picked.Card.Hyperparameters, Is.EqualTo(plain.Card.Hyperparameters));
        Assert.That(picked.Card.TrainingData.DataHash, Is.EqualTo(plain.Card.TrainingData.DataHash));
    }

    [Test]
    public void Sweep_NeverReadTheTestSplit_ButReadTheTrainingTree()
    {
        // The guard fails the fixture on any read under test/; this shows it was in the path.
        Assert.That(guard.Reads, Has.Some.StartsWith(MnistFiles.PrefixOf(DatasetSplit.Train)));
        Assert.That(guard.Reads, Has.None.StartsWith(MnistFiles.PrefixOf(DatasetSplit.Test)));
    }

    [Test]
    public void Sweep_StartsFromTheBaseSettings_AndRecordsTheWholeTable()
    {
        var sweep = result.Card.Sweep!;
        Assert.That(sweep.Candidates.Select(c => c.Settings), Is.EqualTo(SweepPlan.Candidates(new TrainerSettings(), Sweep).Select(c => c.Settings)));
        Assert.That(sweep.Seed, Is.EqualTo(Sweep.Seed));
        Assert.That(sweep.Candidates.Select(c => c.ModelKey), Is.EqualTo(Enumerable.Range(0, 3).Select(i => RunKeys.CandidateModel(RunId, i))));
    }

    [Test]
    public async Task RetriedCandidateTask_RewritesItsOwnCandidateOnly_OnePerConfiguration()
    {
        // The sweep as it stood before the pick: the pack and every candidate, no model or card yet.
        using var other = new TempFolder();
        var store = await CopyBeforeThePickAsync(other.Path);

        var candidates = MnistEmr.Contract.NodeKeys.Run(RunId) + "candidates/";
        var before = await KeysAsync(store, candidates);
        var stage = new SweepStage(store, SilentToolLog.Instance, TimeProvider.System);
        // A task that died after writing its model and before its result, then two attempts more.
        await store.DeleteAsync(RunKeys.CandidateResult(RunId, 1), CancellationToken.None);
        var first = (await stage.TrainCandidateAsync(new TrainerSettings(), Sweep, 1, 1, RunId, CancellationToken.None))!;
        var second = await stage.TrainCandidateAsync(new TrainerSettings(), Sweep, 1, 1, RunId, CancellationToken.None);

        var after = await KeysAsync(store, candidates);
        Assert.That(after, Is.EqualTo(before));
        Assert.That(after, Is.EqualTo(Enumerable.Range(0, 3).SelectMany(i => new[] { RunKeys.CandidateResult(RunId, i), RunKeys.CandidateModel(RunId, i) }).Order(StringComparer.Ordinal)));
        Assert.That(second, Is.EqualTo(first), "the second attempt keeps what the first wrote");
        Assert.That(first.Settings, Is.EqualTo(result.Card.Sweep!.Candidates[1].Settings));
        Assert.That(first.ValidationLogLoss, Is.EqualTo(result.Card.Sweep.Candidates[1].ValidationLogLoss).Within(0.005), "the same configuration on the same digits");
    }

    [Test]
    public async Task Candidate_OfARunTrainedWithoutASweep_TrainsNothing_AndThePickKeepsTheModel()
    {
        using var other = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(other.Path));
        // The run was trained once without a sweep (its card and model exist); the sweep was set afterwards.
        await store.PutAsync(RunKeys.ModelCard(RunId), (await models.GetAsync(RunKeys.ModelCard(RunId), CancellationToken.None))!, CancellationToken.None);
        await store.PutAsync(RunKeys.Model(RunId), (await models.GetAsync(RunKeys.Model(RunId), CancellationToken.None))!, CancellationToken.None);
        var stage = new SweepStage(store, SilentToolLog.Instance, TimeProvider.System);

        Assert.That(await stage.TrainCandidateAsync(new TrainerSettings(), Sweep, 0, 1, RunId, CancellationToken.None), Is.Null);
        var kept = await stage.PickAsync(Sweep, RunId, 1, CancellationToken.None);

        Assert.That(kept.Kept, Is.True);
        Assert.That(await KeysAsync(store, MnistEmr.Contract.NodeKeys.Run(RunId)), Is.EqualTo(new[] { RunKeys.ModelCard(RunId), RunKeys.Model(RunId) }));
    }

    [Test]
    public async Task Pick_WithACandidateMissing_IsAnIntegrityFailure()
    {
        using var other = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(other.Path));
        foreach (var key in new[] { RunKeys.SweepData(RunId), RunKeys.CandidateResult(RunId, 0), RunKeys.CandidateResult(RunId, 2) })
        {
            await store.PutAsync(key, (await models.GetAsync(key, CancellationToken.None))!, CancellationToken.None);
        }

        var failure = Assert.ThrowsAsync<ToolException>(() => new SweepStage(store, SilentToolLog.Instance, TimeProvider.System).PickAsync(Sweep, RunId, 1, CancellationToken.None));
        Assert.That(failure!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(failure.Message, Does.Contain("candidate 1 of 3 has no result"));
        Assert.That(await store.GetAsync(RunKeys.ModelCard(RunId), CancellationToken.None), Is.Null, "no card without every candidate");
        Assert.That(await store.GetAsync(RunKeys.Latest, CancellationToken.None), Is.Null);
    }

    [Test]
    public void Prepare_TooFewDigitsForAValidationPart_IsRefusedWithTheReason()
    {
        var digits = new[] { new LabeledDigit("train/a.png", 1, new byte[784], []) };
        var scan = new FormatAScan(DatasetSplit.Train, digits, [], []);

        var failure = Assert.ThrowsAsync<ToolException>(() => new SweepStage(models, SilentToolLog.Instance, TimeProvider.System)
            .PrepareAsync(scan, "file:///train/", Sweep, "tiny", CancellationToken.None));
        Assert.That(failure!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(failure.Message, Does.Contain("too few to sweep"));
    }

    /// <summary>A copy in <paramref name="folder"/> of the fixture's sweep as it stood before the pick: the pack and
    /// every candidate, no model or card yet.</summary>
    private async Task<FolderObjectStore> CopyBeforeThePickAsync(string folder)
    {
        var store = new FolderObjectStore(new FolderStoreLocation(folder));
        foreach (var key in await KeysAsync(models, MnistEmr.Contract.NodeKeys.Run(RunId)))
        {
            if (key != RunKeys.ModelCard(RunId) && key != RunKeys.Model(RunId))
            {
                await store.PutAsync(key, (await models.GetAsync(key, CancellationToken.None))!, CancellationToken.None);
            }
        }

        return store;
    }

    private static async Task<List<float[]>> ProbabilitiesAsync(IObjectStore store, string runId, IReadOnlyList<byte[]> digits)
    {
        using var zip = new MemoryStream((await store.GetAsync(RunKeys.Model(runId), CancellationToken.None))!);
        var model = DigitModel.Load(new MLContext(1), zip, runId);
        return model.Predict(digits).Select(p => p.Probabilities.ToArray()).ToList();
    }

    private static async Task<List<string>> KeysAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys.Order(StringComparer.Ordinal).ToList();
    }
}
