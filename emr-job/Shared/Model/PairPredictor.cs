namespace MnistEmr.Job.Shared.Model;

/// <summary>The outcome for one FORMAT A test input: a prediction, or a rejection.</summary>
/// <param name="Key">The FORMAT A key (the <c>.png</c> of a pair; the offending file of a rejection).</param>
/// <param name="Actual">The label, when it was readable.</param>
/// <param name="Predicted">The predicted digit; null for a rejection.</param>
/// <param name="Confidence">The probability of the predicted digit.</param>
/// <param name="Loss">-ln(max(probability of the true digit, <see cref="LogLoss.Epsilon"/>)): the digit's log-loss term.</param>
/// <param name="Seconds">The digit's share of its batch's inference time.</param>
/// <param name="Png">The image, kept for mistakes only (the report shows them).</param>
/// <param name="Rejection">Why the input was not used, or null.</param>
internal sealed record PredictionRow(string Key, int? Actual, int? Predicted, double Confidence, double Loss, double Seconds, byte[]? Png, Rejection? Rejection)
{
    /// <summary>True for a used digit classified wrongly.</summary>
    public bool IsMistake => Rejection is null && Actual != Predicted;
}

/// <summary>
/// Predict as a distributed task: classifies batches of FORMAT A test pairs with a run's model, validating them
/// as run-local does (<see cref="FormatAReader"/> over the batch). Writes nothing, so retries are free.
/// </summary>
internal sealed class PairPredictor
{
    private readonly DigitModel model;
    private readonly StoreLocation formatA;

    private PairPredictor(DigitModel model, StoreLocation formatA)
    {
        this.model = model;
        this.formatA = formatA;
    }

    /// <summary>Loads the model of <paramref name="runId"/> from <paramref name="models"/>.</summary>
    /// <exception cref="ToolException">Exit 3 when the model or card is missing or unreadable.</exception>
    public static async Task<PairPredictor> LoadAsync(IObjectStore models, StoreLocation formatA, string runId, CancellationToken cancellationToken)
    {
        var (model, _) = await ModelLoader.LoadAsync(models, RunKeys.Validate(runId), new MLContext(seed: 1), cancellationToken);
        return new PairPredictor(model, formatA);
    }

    /// <summary>Classifies <paramref name="pairs"/>: one row per used digit and one per rejected input, ordered by key.</summary>
    public async Task<IReadOnlyList<PredictionRow>> PredictAsync(IEnumerable<PairRow> pairs, CancellationToken cancellationToken)
    {
        var store = PairRow.ToStore(pairs, DatasetSplit.Test, formatA);
        var scan = await FormatAReader.ScanAsync(store, DatasetSplit.Test, SilentToolLog.Instance, cancellationToken);
        var inference = Stopwatch.StartNew();
        var predictions = scan.Used.Count == 0 ? [] : model.Predict(scan.Used.Select(d => d.Pixels).ToList());
        inference.Stop();
        var share = scan.Used.Count == 0 ? 0 : inference.Elapsed.TotalSeconds / scan.Used.Count;
        var rows = new List<PredictionRow>(scan.Inputs);
        for (var i = 0; i < scan.Used.Count; i++)
        {
            var digit = scan.Used[i];
            var prediction = predictions[i];
            var loss = -Math.Log(Math.Max(prediction.Probabilities[digit.Label], LogLoss.Epsilon));
            rows.Add(new PredictionRow(
                digit.Key, digit.Label, prediction.Label, prediction.Confidence, loss, share,
                prediction.Label == digit.Label ? null : digit.Png, null));
        }

        foreach (var rejection in scan.Rejections)
        {
            var label = rejection.Key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal)
                && store.Count > 0
                && await store.GetAsync(rejection.Key[..^FormatAKeys.PngExtension.Length] + FormatAKeys.TxtExtension, cancellationToken) is { } txt
                ? DigitValidator.ParseLabel(txt)
                : null;
            rows.Add(new PredictionRow(rejection.Key, label, null, 0, 0, 0, null, rejection));
        }

        return rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }
}
