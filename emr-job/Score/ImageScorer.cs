namespace MnistEmr.Job.Score;

/// <summary>One file found under a scoring input: its key and bytes, or why they were not read.</summary>
/// <param name="Key">The key relative to the input root (the file as named, for <c>predict</c>).</param>
/// <param name="Png">The file's bytes; null when not read (skipped, unreadable, or gone since the listing).</param>
/// <param name="Unreadable">Why the file could not be read (a symbolic link, a name that cannot be opened), or null.</param>
/// <param name="Skipped">Why the file is no input of scoring (<see cref="ScoreKeys.SkipReason"/>), or null.</param>
internal sealed record ScoreInput(string Key, byte[]? Png, Rejection? Unreadable = null, string? Skipped = null)
{
    /// <summary>A file found under a tree, judged by its key alone as every engine judges it: skipped, or to be read.</summary>
    public static ScoreInput Listed(string key, byte[]? png) => new(key, png, null, ScoreKeys.SkipReason(key));
}

/// <summary>
/// Classifies input images with a run's model (the <see cref="DigitModel"/> forest scoring evaluate uses): every
/// input becomes a <see cref="ScoredImage"/>, scored, rejected or skipped, in the order given, with the one
/// acceptance rule of <see cref="DigitValidator.DecodeDigit"/>. Shared by <c>predict</c>, the local <c>score</c>
/// and the EMR step's <c>rows score</c> tasks, so one file gets one answer from all three.
/// </summary>
internal sealed class ImageScorer(DigitModel model)
{
    /// <summary>Loads the model of <paramref name="runId"/> from S3|4.</summary>
    /// <exception cref="ToolException">Exit 3 when the model or card is missing, 4 when it is not a model.</exception>
    public static async Task<ImageScorer> LoadAsync(IObjectStore models, string runId, CancellationToken cancellationToken)
    {
        var (model, _) = await ModelLoader.LoadAsync(models, RunKeys.Validate(runId), new MLContext(seed: 1), cancellationToken);
        return new ImageScorer(model);
    }

    /// <summary>Scores <paramref name="inputs"/>: one result each, in order.</summary>
    public IReadOnlyList<ScoredImage> Score(IReadOnlyList<ScoreInput> inputs)
    {
        var results = new ScoredImage?[inputs.Count];
        var good = new List<(int Index, byte[] Pixels)>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.Skipped is { } why)
            {
                results[i] = ScoredImage.Skip(input.Key, why);
            }
            else if (input.Unreadable is { } unreadable)
            {
                results[i] = ScoredImage.Rejected(unreadable);
            }
            else if (input.Png is null)
            {
                results[i] = ScoredImage.Rejected(new Rejection(input.Key, RejectionReason.Unreadable, "deleted after it was listed"));
            }
            else if (DigitValidator.DecodeDigit(input.Key, input.Png, out var rejection) is { } image)
            {
                good.Add((i, image.Pixels));
            }
            else
            {
                results[i] = ScoredImage.Rejected(rejection!);
            }
        }

        var predictions = good.Count == 0 ? [] : model.Predict(good.Select(g => g.Pixels).ToList());
        for (var g = 0; g < good.Count; g++)
        {
            results[good[g].Index] = ScoredImage.From(inputs[good[g].Index].Key, predictions[g]);
        }

        return results.Select(r => r!).ToList();
    }
}
