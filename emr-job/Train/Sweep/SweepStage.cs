namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// A hyperparameter sweep in three parts, each of which a Spark task runs alone and run-local runs in turn, all
/// through S3|4 under the run:
/// <list type="number">
/// <item><description><see cref="PrepareAsync"/>: the validated training digits packed into one object, and the card's account of them.</description></item>
/// <item><description><see cref="TrainCandidateAsync"/> (one candidate, as its Spark task does) or <see cref="TrainAllAsync"/> (every
/// candidate, in parallel, from one featurization): fit on the training part, judge on the validation part, write
/// <c>candidates/&lt;n&gt;/model.zip</c> then <c>candidate.json</c>, and nothing else.</description></item>
/// <item><description><see cref="PickAsync"/>: the best by validation log-loss refitted on every training digit to <c>model.zip</c>,
/// the card with the sweep table, then <c>latest.json</c>.</description></item>
/// </list>
/// The refit is what makes a sweep never worse than no sweep: the kept settings are fitted as <c>train</c> without a
/// sweep fits its own (every usable digit, in the same order, the same seed and threads), so a sweep that keeps the
/// base configuration (candidate 0) writes byte for byte the model no sweep writes, and another model only when a
/// configuration beat the base on the held-out validation part. A candidate's own model, fitted on nine tenths of the
/// digits, is only its evidence.
/// A candidate whose <c>candidate.json</c> exists is kept, not trained again: a retried or repeated task changes nothing.
/// </summary>
/// <param name="models">S3|4.</param>
/// <param name="log">Log lines.</param>
/// <param name="clock">Stamps the card.</param>
internal sealed class SweepStage(IObjectStore models, IToolLog log, TimeProvider clock)
{
    /// <summary>Packs <paramref name="scan"/>'s digits (read from <paramref name="trainUri"/>) for the candidates and records their account.</summary>
    /// <exception cref="ToolException">Exit 4 when the digits are too few for both a training and a validation part.</exception>
    public async Task<SweepData> PrepareAsync(FormatAScan scan, string trainUri, SweepSettings sweep, string runId, CancellationToken cancellationToken)
    {
        var (fit, validation) = ValidationSplit.Split(scan.Used, sweep.Seed);
        if (fit.Count == 0 || validation.Count == 0)
        {
            throw ToolException.Integrity(
                $"a sweep holds {ValidationSplit.Fraction:P0} of the training digits out for validation, and {scan.Used.Count} usable digits "
                + $"give {fit.Count} to fit and {validation.Count} to validate: too few to sweep; train without --sweep");
        }

        var started = clock.GetUtcNow();
        var pack = TrainingPack.Write(scan.Used);
        var data = new SweepData(
            TrainStage.Summary(scan, trainUri), scan.Rejections, fit.Count, validation.Count, RunKeys.SweepPack(runId), Sha256(pack))
        {
            StartedUtc = started,
        };
        await models.PutAsync(data.PackKey, pack, cancellationToken);
        await models.PutAsync(RunKeys.SweepData(runId), JobJson.Serialize(data), cancellationToken);
        log.Info($"sweep of {sweep.Candidates}: {fit.Count} digits to fit, {validation.Count} to validate (seed {sweep.Seed}); "
            + $"packed into {models.UriFor(data.PackKey)} ({pack.Length / 1024.0 / 1024:F1} MiB)");
        return data;
    }

    /// <summary>
    /// Trains candidate <paramref name="index"/> of the sweep around <paramref name="baseSettings"/> on
    /// <paramref name="threads"/> threads; its recorded result when it is already trained; null when the run is
    /// already trained without it (its model is kept: a run trained before the sweep was set, say), so nothing is trained.
    /// </summary>
    /// <exception cref="ToolException">Exit 2 for an index outside the sweep; 4 when the pack is missing or damaged; 3 on storage failures.</exception>
    public async Task<CandidateResult?> TrainCandidateAsync(
        TrainerSettings baseSettings, SweepSettings sweep, int index, int threads, string runId, CancellationToken cancellationToken)
    {
        var plan = SweepPlan.Candidates(baseSettings, sweep);
        if (index < 0 || index >= plan.Count)
        {
            throw ToolException.Usage($"candidate {index} is not in a sweep of {plan.Count} (0 to {plan.Count - 1})");
        }

        if (await ExistingAsync(runId, index, cancellationToken) is { } done)
        {
            return done;
        }

        if (await TrainStage.KeptAsync(models, runId, log, cancellationToken) is not null)
        {
            return null;
        }

        var digits = await ReadPackAsync(runId, cancellationToken);
        var (fit, validation) = ValidationSplit.Split(digits, sweep.Seed);
        var rows = await Task.Run(() => DigitModel.ToRows(fit), cancellationToken);
        return await TrainAndStoreAsync(rows, validation, plan[index], threads, runId, cancellationToken);
    }

    /// <summary>
    /// Trains every candidate of the sweep around <paramref name="baseSettings"/> on <paramref name="digits"/> (the
    /// packed ones, in the same order), featurized once and shared, as many at once as <see cref="SweepParallelism"/>
    /// allows on this machine.
    /// </summary>
    public async Task<IReadOnlyList<CandidateResult>> TrainAllAsync(
        IReadOnlyList<LabeledDigit> digits, TrainerSettings baseSettings, SweepSettings sweep, string runId, CancellationToken cancellationToken)
    {
        var plan = SweepPlan.Candidates(baseSettings, sweep);
        var (fit, validation) = ValidationSplit.Split(digits, sweep.Seed);
        var share = SweepParallelism.For(plan.Count, digits.Count, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        log.Info($"training {plan.Count} candidates, {share.Parallel} at once on {share.Threads} thread{(share.Threads == 1 ? "" : "s")} each");
        var rows = await Task.Run(() => DigitModel.ToRows(fit), cancellationToken);
        var results = new CandidateResult[plan.Count];
        await Parallel.ForEachAsync(
            plan,
            new ParallelOptions { MaxDegreeOfParallelism = share.Parallel, CancellationToken = cancellationToken },
            async (candidate, token) => results[candidate.Index] =
                await ExistingAsync(runId, candidate.Index, token) ?? await TrainAndStoreAsync(rows, validation, candidate, share.Threads, runId, token));
        return results;
    }

    /// <summary>
    /// Keeps the best of the sweep's candidates (<see cref="SweepChoice.Best"/>): refits its settings on every packed
    /// training digit on <paramref name="threads"/> LightGBM threads (every core when null, as <c>train</c> without a
    /// sweep), writes that model, the card with the whole sweep, then <c>latest.json</c>. A run already trained is kept.
    /// </summary>
    /// <exception cref="ToolException">Exit 4 when a candidate has no result or the pack is damaged; 3 on storage failures.</exception>
    public async Task<TrainResult> PickAsync(SweepSettings sweep, string runId, int? threads, CancellationToken cancellationToken)
    {
        if (await TrainStage.KeptAsync(models, runId, log, cancellationToken) is { } kept)
        {
            return kept;
        }

        var data = await ReadJsonAsync<SweepData>(RunKeys.SweepData(runId), "the sweep's data task did not finish", cancellationToken);
        var results = new List<CandidateResult>();
        for (var index = 0; index < sweep.Candidates; index++)
        {
            var result = await ExistingAsync(runId, index, cancellationToken, quiet: true)
                ?? throw ToolException.Integrity($"sweep candidate {index} of {sweep.Candidates} has no result at {models.UriFor(RunKeys.CandidateResult(runId, index))}: its task did not finish");
            results.Add(result);
        }

        var best = SweepChoice.Best(results);
        var digits = await ReadPackAsync(runId, cancellationToken);
        var ml = new MLContext(best.Settings.Seed);
        var trainer = new MnistTrainer(ml, threads);
        log.Info(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep of {results.Count}: kept candidate {best.Index} (validation log-loss {best.ValidationLogLoss:F4}, accuracy {best.ValidationAccuracy:P2}; "
            + $"the base configuration's {results[0].ValidationLogLoss:F4}); refitting it on all {digits.Count} training digits on {trainer.Threads} LightGBM thread{(trainer.Threads == 1 ? "" : "s")}"));
        var refit = await Task.Run(() => trainer.Train(digits, best.Settings), cancellationToken);
        using var zip = new MemoryStream();
        DigitModel.Save(ml, refit, zip);
        var model = zip.ToArray();
        var finished = clock.GetUtcNow();
        // The whole sweep, as a user waits for it; a sweep without a start recorded counts its candidates one after another.
        var seconds = data.StartedUtc is { } started
            ? Math.Max((finished - started).TotalSeconds, refit.Duration.TotalSeconds)
            : results.Sum(r => r.TrainingSeconds) + refit.Duration.TotalSeconds;
        var summary = SweepSummary.Of(sweep.Seed, results) with
        {
            RefitDigits = digits.Count,
            RefitSeconds = refit.Duration.TotalSeconds,
            SweepSeconds = seconds,
        };
        log.Info(string.Create(
            CultureInfo.InvariantCulture,
            $"sweep of {results.Count}: trained {digits.Count} digits in {seconds:F1} s (refit {refit.Duration.TotalSeconds:F1} s), training accuracy {refit.TrainingAccuracy:P2}"));
        var card = TrainStage.Card(
            runId, finished, best.Settings, data.TrainingData, data.Rejections, seconds, refit.TrainingAccuracy, model) with
        {
            Sweep = summary,
            TrainingThreads = trainer.Threads,
        };
        return await TrainStage.StoreAsync(models, card, model, cancellationToken);
    }

    private async Task<CandidateResult> TrainAndStoreAsync(
        IReadOnlyList<DigitFeatures> rows, IReadOnlyList<LabeledDigit> validation, SweepCandidate candidate, int threads, string runId, CancellationToken cancellationToken)
    {
        var settings = candidate.Settings;
        log.Info(string.Create(
            CultureInfo.InvariantCulture,
            $"candidate {candidate.Index}: {settings.Iterations} iterations, {settings.Leaves} leaves, learning rate {settings.LearningRate}, "
            + $"{settings.MinExamplesPerLeaf} per leaf, feature fraction {settings.FeatureFraction}"));
        var trained = await Task.Run(
            () => CandidateTrainer.Train(rows, validation, candidate, threads, RunKeys.CandidateModel(runId, candidate.Index)), cancellationToken);
        // The model first, then the result naming it: a result is only ever found beside its model.
        await models.PutAsync(trained.Result.ModelKey, trained.ModelZip, cancellationToken);
        await models.PutAsync(RunKeys.CandidateResult(runId, candidate.Index), JobJson.Serialize(trained.Result), cancellationToken);
        log.Info(string.Create(
            CultureInfo.InvariantCulture,
            $"candidate {candidate.Index}: validation log-loss {trained.Result.ValidationLogLoss:F4}, accuracy {trained.Result.ValidationAccuracy:P2}, "
            + $"{trained.Result.TrainingSeconds:F1} s"));
        return trained.Result;
    }

    private async Task<CandidateResult?> ExistingAsync(string runId, int index, CancellationToken cancellationToken, bool quiet = false)
    {
        var key = RunKeys.CandidateResult(runId, index);
        if (await models.GetAsync(key, cancellationToken) is not { } json)
        {
            return null;
        }

        var result = JobJson.Deserialize<CandidateResult>(json, models.UriFor(key));
        if (result.Index != index)
        {
            throw ToolException.Integrity($"{models.UriFor(key)} is the result of candidate {result.Index}, not {index}");
        }

        if (!quiet)
        {
            log.Info($"candidate {index} is already trained ({models.UriFor(key)}): kept, not trained again");
        }

        return result;
    }

    private async Task<IReadOnlyList<LabeledDigit>> ReadPackAsync(string runId, CancellationToken cancellationToken)
    {
        var data = await ReadJsonAsync<SweepData>(RunKeys.SweepData(runId), "the sweep's data task did not finish", cancellationToken);
        var pack = await models.GetAsync(data.PackKey, cancellationToken)
            ?? throw ToolException.Integrity($"{models.UriFor(data.PackKey)} is missing: the sweep's data task did not finish");
        if (Sha256(pack) != data.PackSha256)
        {
            throw ToolException.Integrity($"{models.UriFor(data.PackKey)} is not the pack {models.UriFor(RunKeys.SweepData(runId))} describes");
        }

        return TrainingPack.Read(pack, models.UriFor(data.PackKey));
    }

    private async Task<T> ReadJsonAsync<T>(string key, string whyMissing, CancellationToken cancellationToken) =>
        await models.GetAsync(key, cancellationToken) is { } json
            ? JobJson.Deserialize<T>(json, models.UriFor(key))
            : throw ToolException.Integrity($"{models.UriFor(key)} is missing: {whyMissing}");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
