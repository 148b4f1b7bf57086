using Microsoft.ML;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistEmr.Job.Shared.Digits;
using MnistEmr.Job.Shared.Model;
using MnistEmr.Job.Shared.Runs;

namespace MnistEmr.Job.Score;

/// <summary>One input of scoring: its key and bytes, or why they could not be read.</summary>
/// <param name="Key">The key relative to the input root.</param>
/// <param name="Png">The file's bytes; null when <paramref name="Unreadable"/> says why.</param>
/// <param name="Unreadable">Why the file could not be read (a symbolic link, vanished after the listing), or null.</param>
public sealed record ScoreInput(string Key, byte[]? Png, Rejection? Unreadable = null);

/// <summary>
/// Classifies input images with a run's model (the <see cref="DigitModel"/> forest scoring that <c>predict</c> and
/// evaluate use): every input becomes a <see cref="ScoredImage"/>, scored or rejected, in the order given. Shared by
/// the local <c>score</c> and the EMR step's <c>rows score</c> tasks.
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
            if (input.Unreadable is { } unreadable)
            {
                results[i] = ScoredImage.Rejected(unreadable);
            }
            else if (DigitValidator.DecodeGrayDigit(input.Key, input.Png!, out var rejection) is { } image)
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
