using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistEmr.Job.Shared.Digits;
using MnistEmr.Job.Shared.FormatA;
using MnistEmr.Job.Shared.Model;
using MnistEmr.Job.Shared.Runs;

namespace MnistEmr.Job.Score;

/// <summary>
/// The score stage on the local engine (S3|4 + an input folder or prefix to the output's <c>predictions/&lt;run&gt;/</c>):
/// lists every <c>.png</c> under the input as the EMR step's binaryFile listing does (<see cref="ScoreKeys.IsInput"/>),
/// reads and classifies them in batches with the run's model, and writes the results with <see cref="ScoreWriter"/>.
/// An input with no <c>.png</c> (or no input at all) is a run of 0 inputs, not a failure.
/// </summary>
/// <param name="models">S3|4.</param>
/// <param name="input">Where the images are; null when the input folder does not exist (0 inputs).</param>
/// <param name="inputUri">The input as given, for the summary.</param>
/// <param name="output">Where <c>predictions/&lt;run&gt;/</c> goes.</param>
/// <param name="log">Log lines and the progress counter.</param>
/// <param name="clock">Stamps the summary.</param>
internal sealed class ScoreStage(IObjectStore models, IObjectStore? input, string inputUri, IObjectStore output, IToolLog log, TimeProvider clock)
{
    /// <summary>Images read and classified at once.</summary>
    public const int Batch = 1000;

    /// <summary>Scores with run <paramref name="runId"/>'s model (the latest when null).</summary>
    /// <exception cref="ToolException">Exit 3 when the model or storage fails.</exception>
    public async Task<ScoreResult> RunAsync(string? runId, CancellationToken cancellationToken)
    {
        var run = await ModelLoader.ResolveRunIdAsync(models, runId, cancellationToken);
        var modelUri = models.UriFor(RunKeys.Model(run));
        var entries = await ListAsync(cancellationToken);
        log.Info($"score: {entries.Count} .png input(s) under {inputUri}, model {modelUri}");
        var images = new List<ScoredImage>(entries.Count);
        if (entries.Count > 0)
        {
            // Loaded only when there is something to score, as the EMR tasks do.
            var scorer = await ImageScorer.LoadAsync(models, run, cancellationToken);
            using var progress = log.Counter($"score ({entries.Count} images)", entries.Count);
            foreach (var batch in entries.Chunk(Batch))
            {
                var inputs = await ReadAsync(batch, cancellationToken);
                images.AddRange(scorer.Score(inputs));
                progress.Add(batch.Length);
            }
        }

        return await ScoreWriter.WriteAsync(output, images, run, modelUri, inputUri, clock.GetUtcNow(), log, cancellationToken);
    }

    private async Task<List<ListedEntry>> ListAsync(CancellationToken cancellationToken)
    {
        if (input is null)
        {
            log.Info($"score: {inputUri} does not exist: nothing to score");
            return [];
        }

        // The same listing as the EMR step's `rows list --files` (NameListing): every scoring input, links included.
        var listing = await TreeListing.ListAsync(input, string.Empty, key => !ScoreKeys.IsInput(key), cancellationToken);
        return listing.Keys.Select(key => new ListedEntry(key)).Concat(listing.NotObjects).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    private async Task<ScoreInput[]> ReadAsync(ListedEntry[] batch, CancellationToken cancellationToken)
    {
        var inputs = new ScoreInput[batch.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Length),
            new ParallelOptions { MaxDegreeOfParallelism = input!.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var entry = batch[i];
                if (!entry.IsObject)
                {
                    // A link is an input that cannot be used: counted and named, as FORMAT A's reader does.
                    inputs[i] = new ScoreInput(entry.Key, null, new Rejection(entry.Key, RejectionReason.SymbolicLink, entry.NotAnObject!));
                    return;
                }

                var png = await input.GetAsync(entry.Key, token);
                inputs[i] = png is null
                    ? new ScoreInput(entry.Key, null, new Rejection(entry.Key, RejectionReason.UndecodablePng, "not a readable PNG: deleted after it was listed"))
                    : new ScoreInput(entry.Key, png);
            });
        return inputs;
    }
}
