namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// Trains one sweep configuration on the fit part and judges it on the validation part with the same scoring that
/// inference uses (<see cref="DigitModel.Predict(IReadOnlyList{byte[]}, int)"/>), so its validation log-loss is the
/// one its predictions would have.
/// </summary>
internal static class CandidateTrainer
{
    /// <summary>A trained candidate: its recorded result and its model zip.</summary>
    /// <param name="Result">What <c>candidate.json</c> records.</param>
    /// <param name="ModelZip">The ML.NET model zip.</param>
    public sealed record Trained(CandidateResult Result, byte[] ModelZip);

    /// <summary>
    /// Fits <paramref name="candidate"/> to <paramref name="fitRows"/> (the featurized fit-part digits,
    /// shared by every candidate of a local sweep) on <paramref name="threads"/> LightGBM threads and scores
    /// <paramref name="validation"/>. <paramref name="modelKey"/> is where its zip will be stored.
    /// </summary>
    public static Trained Train(
        IReadOnlyList<DigitFeatures> fitRows,
        IReadOnlyList<LabeledDigit> validation,
        SweepCandidate candidate,
        int threads,
        string modelKey)
    {
        var watch = Stopwatch.StartNew();
        var ml = new MLContext(candidate.Settings.Seed);
        var trainer = new MnistTrainer(ml, threads);
        var (model, schema) = trainer.Fit(fitRows, DigitFeaturizer.FeatureCount, candidate.Settings);
        watch.Stop();
        var trainingAccuracy = trainer.Accuracy(model, fitRows, DigitFeaturizer.FeatureCount);

        var predictions = new DigitModel(ml, model).Predict(validation.Select(d => d.Pixels).ToList(), threads);
        var right = validation.Where((d, i) => predictions[i].Label == d.Label).Count();
        var logLoss = LogLoss.Compute(validation.Select((d, i) => (d.Label, predictions[i].Probabilities)));

        using var zip = new MemoryStream();
        ml.Model.Save(model, schema, zip);
        var bytes = zip.ToArray();
        return new Trained(
            new CandidateResult(
                candidate.Index,
                candidate.Settings,
                fitRows.Count,
                validation.Count,
                logLoss,
                validation.Count == 0 ? 0 : right / (double)validation.Count,
                watch.Elapsed.TotalSeconds,
                trainingAccuracy,
                threads,
                modelKey,
                bytes.LongLength,
                Convert.ToHexStringLower(SHA256.HashData(bytes))),
            bytes);
    }
}
