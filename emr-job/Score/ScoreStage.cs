namespace MnistEmr.Job.Score;

/// <summary>
/// The score stage on the local engine (S3|4 + an input folder, prefix or file to the output's
/// <c>predictions/&lt;run&gt;/</c>): lists every file under the input as the EMR step's <c>rows list --files</c> does,
/// reads and classifies the inputs (<see cref="ScoreKeys.SkipReason"/>) in batches with the run's model, lists the
/// other files as skipped with why, and writes the results with <see cref="ScoreWriter"/>. An input with no file is
/// a run of 0 inputs, not a failure.
/// </summary>
/// <param name="models">S3|4.</param>
/// <param name="inputUri">The input as given, for the summary.</param>
/// <param name="output">Where <c>predictions/&lt;run&gt;/</c> goes.</param>
/// <param name="log">Log lines and the progress counter.</param>
/// <param name="clock">Stamps the summary.</param>
internal sealed class ScoreStage(IObjectStore models, string inputUri, IObjectStore output, IToolLog log, TimeProvider clock)
{
    /// <summary>Images read and classified at once.</summary>
    public const int Batch = 1000;

    /// <summary>Scores every file under <paramref name="input"/> with run <paramref name="runId"/>'s model (the latest when null).</summary>
    /// <exception cref="ToolException">Exit 3 when the model or storage fails.</exception>
    public async Task<ScoreResult> RunAsync(IObjectStore input, string? runId, CancellationToken cancellationToken)
    {
        var run = await ModelLoader.ResolveRunIdAsync(models, runId, cancellationToken);
        // The same listing as the EMR step's `rows list --files` (NameListing): every file, links included.
        var listing = await TreeListing.ListAsync(input, string.Empty, _ => false, cancellationToken);
        var entries = listing.Keys.Select(key => new ListedEntry(key)).Concat(listing.NotObjects).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        return await ScoreAsync(run, entries.Count, entries.Chunk(Batch).Select(batch => ReadAsync(input, batch, cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// Scores the one file at <paramref name="path"/> (keyed by its name), read as <c>predict</c> reads its arguments:
    /// named on purpose, so neither its extension nor a leading '.' or '_' skips it.
    /// </summary>
    public async Task<ScoreResult> RunFileAsync(string path, string? runId, CancellationToken cancellationToken)
    {
        var run = await ModelLoader.ResolveRunIdAsync(models, runId, cancellationToken);
        return await ScoreAsync(run, 1, [ReadOne()], cancellationToken);

        async Task<ScoreInput[]> ReadOne() => [await LocalImageFile.ReadAsync(path, Path.GetFileName(path), cancellationToken)];
    }

    /// <summary>
    /// Scores the one object <paramref name="key"/> of <paramref name="store"/>, named on purpose as a file input is,
    /// so no skip rule applies to it.
    /// </summary>
    public async Task<ScoreResult> RunObjectAsync(IObjectStore store, string key, string? runId, CancellationToken cancellationToken)
    {
        var run = await ModelLoader.ResolveRunIdAsync(models, runId, cancellationToken);
        return await ScoreAsync(run, 1, [ReadOne()], cancellationToken);

        async Task<ScoreInput[]> ReadOne() => [ScoreInput.Listed(key, await store.GetAsync(key, cancellationToken))];
    }

    private async Task<ScoreResult> ScoreAsync(string run, int files, IEnumerable<Task<ScoreInput[]>> batches, CancellationToken cancellationToken)
    {
        var modelUri = models.UriFor(RunKeys.Model(run));
        log.Info($"score: {files} file(s) under {inputUri}, model {modelUri}");
        var images = new List<ScoredImage>(files);
        ImageScorer? scorer = null;
        using (var progress = log.Counter($"score ({files} files)", files))
        {
            foreach (var batch in batches)
            {
                var inputs = await batch;
                // Loaded only when there is something to score, as the EMR tasks do.
                if (scorer is null && inputs.Any(i => i.Skipped is null))
                {
                    scorer = await ImageScorer.LoadAsync(models, run, cancellationToken);
                }

                images.AddRange(scorer is null ? inputs.Select(i => ScoredImage.Skip(i.Key, i.Skipped!)) : scorer.Score(inputs));
                progress.Add(inputs.Length);
            }
        }

        return await ScoreWriter.WriteAsync(output, images, run, modelUri, inputUri, clock.GetUtcNow(), log, cancellationToken);
    }

    private static async Task<ScoreInput[]> ReadAsync(IObjectStore input, ListedEntry[] batch, CancellationToken cancellationToken)
    {
        var inputs = new ScoreInput[batch.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batch.Length),
            new ParallelOptions { MaxDegreeOfParallelism = input.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var entry = batch[i];
                if (entry.UnreadableName)
                {
                    // Before the skip rule: a folder (or file) whose name cannot be opened hides what it holds, whatever it is called.
                    inputs[i] = new ScoreInput(entry.Key, null, Rejection.OfEntry(entry));
                }
                else if (ScoreKeys.SkipReason(entry.Key) is { } why)
                {
                    // Never read: the EMR step's listing sends such a name with nothing to fetch.
                    inputs[i] = new ScoreInput(entry.Key, null, null, why);
                }
                else if (!entry.IsObject)
                {
                    // A link: counted and named, as FORMAT A's reader does.
                    inputs[i] = new ScoreInput(entry.Key, null, Rejection.OfEntry(entry));
                }
                else
                {
                    // Null when deleted since the listing: ImageScorer says so.
                    inputs[i] = ScoreInput.Listed(entry.Key, await input.GetAsync(entry.Key, token));
                }
            });
        return inputs;
    }
}
