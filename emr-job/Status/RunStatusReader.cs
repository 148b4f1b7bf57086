namespace MnistEmr.Job.Status;

/// <summary>
/// Reads what a run left in the stores (S3|2 FORMAT A, S3|4 models, S3|3 reports, and S3|1 when given): lists and
/// GETs only, never a write, so it is safe at any moment of a run.
/// </summary>
/// <param name="source">S3|1, or null to leave the loader's manifest out.</param>
/// <param name="formatA">S3|2.</param>
/// <param name="models">S3|4.</param>
/// <param name="reports">S3|3.</param>
internal sealed class RunStatusReader(IObjectStore? source, IObjectStore formatA, IObjectStore models, IObjectStore reports)
{
    /// <summary>The private prefix of the EMR steps' committed rows in each node (<see cref="PipelineSteps"/>' result URIs).</summary>
    public const string StepRowsPrefix = "_runs/";

    /// <summary>
    /// The run to show and the other runs found: <paramref name="runId"/> when given, else the run S3|4's
    /// <c>latest.json</c> names (written by train), else S3|3's (written with the report), else the one run the
    /// stores hold.
    /// </summary>
    /// <param name="runId">The run asked for, or null for the latest.</param>
    /// <param name="mustExist">
    /// Whether <paramref name="runId"/> must have left something: a run id the user gives must; the run of the
    /// deployed stack need not (its cluster may still be starting: then every step is missing).
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ToolException">Exit 3: the run does not exist, or no run does; exit 2: several runs and no pointer.</exception>
    public async Task<(string RunId, IReadOnlyList<string> Others)> ResolveAsync(string? runId, bool mustExist, CancellationToken cancellationToken)
    {
        var runs = await RunIdsAsync(cancellationToken);
        if (runId is not null)
        {
            var run = RunKeys.Validate(runId);
            return runs.Contains(run) || !mustExist
                ? (run, runs.ToList())
                : throw ToolException.Remote(
                    $"run '{run}' does not exist: nothing under {models.UriFor(NodeKeys.Run(run))}, {reports.UriFor(NodeKeys.Run(run))} "
                    + $"or the steps' {StepRowsPrefix}{run}/ in the three nodes; {Found(runs)}");
        }

        foreach (var store in new[] { models, reports })
        {
            if (await store.GetAsync(RunKeys.Latest, cancellationToken) is { } pointer)
            {
                return (RunKeys.Validate(JobJson.Deserialize<RunPointer>(pointer, store.UriFor(RunKeys.Latest)).RunId), runs.ToList());
            }
        }

        // An explode cut short before any step left a run id (run-local writes its first under runs/ after
        // training): the table shows what explode wrote, under no run.
        if (runs.Count == 0 && await HasExplodeProgressAsync(cancellationToken))
        {
            return (RunStatus.NoRunYet, []);
        }

        return runs.Count switch
        {
            1 => (runs.Single(), runs.ToList()),
            0 => throw ToolException.Remote(
                $"no run found: no {RunKeys.Latest} in {models.UriFor(string.Empty)} or {reports.UriFor(string.Empty)}, and no run's results in the nodes"),
            _ => throw ToolException.Usage($"no {RunKeys.Latest} names the latest run: pass --run-id; {Found(runs)}"),
        };
    }

    /// <summary>The URIs status looks at for <paramref name="runId"/> (a placeholder for <see cref="RunStatus.NoRunYet"/>).</summary>
    public RunLocations LocationsOf(string runId) => LocationsFor(runId == RunStatus.NoRunYet ? "<run-id>" : runId);

    private RunLocations LocationsFor(string runId) => new(
        source?.UriFor(DatasetDefinitionValidator.ManifestName),
        reports.UriFor(StepRows("canary", runId)),
        formatA.UriFor(FormatAKeys.ManifestPrefix),
        formatA.UriFor(StepRows("explode", runId)),
        models.UriFor(RunKeys.Model(runId)),
        models.UriFor(RunKeys.ModelCard(runId)),
        models.UriFor(StepRows("train", runId)),
        reports.UriFor(StepRows("evaluation", runId)),
        reports.UriFor(RunKeys.ReportJson(runId)),
        reports.UriFor(RunKeys.ReportHtml(runId)),
        reports.UriFor(ScoreKeys.SummaryJson(runId)));

    /// <summary>Reads everything of <paramref name="runId"/>, side by side.</summary>
    /// <exception cref="ToolException">Exit 3 on storage failures; 4 for a model card, report or manifest that does not parse.</exception>
    public async Task<RunEvidence> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        var sourceManifest = source is null ? Task.FromResult<StoredObject?>(null) : source.HeadAsync(DatasetDefinitionValidator.ManifestName, cancellationToken);
        var canary = RowsAsync(reports, StepRows("canary", runId), cancellationToken);
        var train = ProgressAsync(DatasetSplit.Train, cancellationToken);
        var test = ProgressAsync(DatasetSplit.Test, cancellationToken);
        var explodeRows = RowsAsync(formatA, StepRows("explode", runId), cancellationToken);
        var card = DocumentAsync<ModelCard>(models, RunKeys.ModelCard(runId), cancellationToken);
        var zip = models.HeadAsync(RunKeys.Model(runId), cancellationToken);
        var evaluation = RowsAsync(reports, StepRows("evaluation", runId), cancellationToken);
        var report = DocumentAsync<EvaluationReport>(reports, RunKeys.ReportJson(runId), cancellationToken);
        var html = reports.HeadAsync(RunKeys.ReportHtml(runId), cancellationToken);
        var scoring = reports.GetAsync(ScoreKeys.SummaryJson(runId), cancellationToken);
        await Task.WhenAll(sourceManifest, canary, train, test, explodeRows, card, zip, evaluation, report, html, scoring);

        var canaryRows = await canary;
        var evaluationRows = await evaluation;
        var shardRows = await explodeRows;
        var finished = new[] { await train, await test }
            .SelectMany(p => p?.Finished ?? [])
            .ToDictionary(m => formatA.UriFor(FormatAKeys.ManifestKey(m.Split, m.Shard, m.ShardCount)), m => m.Count, StringComparer.Ordinal);
        return new RunEvidence(runId)
        {
            SourceManifest = source is null ? null : await sourceManifest is not null,
            Canary = canaryRows?.Select(r => new CanaryCheck(
                (int)(SparkJsonRows.Integer(r, "task") ?? -1),
                SparkJsonRows.Text(r, "probe") ?? "(unnamed)",
                SparkJsonRows.Flag(r, "passed") ?? false,
                SparkJsonRows.Text(r, "detail") ?? string.Empty)).ToList(),
            TrainExplode = await train,
            TestExplode = await test,
            ExplodeRows = shardRows?.Count,
            // A kept shard's row says 0 digits written; a shard with no digit at all (more shards than digits) is not one.
            ExplodeKeptRows = shardRows?.Count(r => SparkJsonRows.Integer(r, "digits") == 0
                && SparkJsonRows.Text(r, "manifest") is { } manifest && finished.GetValueOrDefault(manifest) > 0),
            Card = (await card).Value,
            CardUnreadable = (await card).Problem,
            ModelZip = await zip is not null,
            EvaluatedDigits = evaluationRows?.Where(r => SparkJsonRows.Text(r, "kind") == RowProtocol.KindCount).Sum(r => SparkJsonRows.Integer(r, "n") ?? 0),
            Report = (await report).Value,
            ReportUnreadable = (await report).Problem,
            ReportHtml = await html is not null,
            Scoring = Parse<ScoreSummary>(await scoring, reports.UriFor(ScoreKeys.SummaryJson(runId))).Value,
            ScoringUnreadable = Parse<ScoreSummary>(await scoring, reports.UriFor(ScoreKeys.SummaryJson(runId))).Problem,
        };
    }

    private static string StepRows(string step, string runId) => $"{StepRowsPrefix}{runId}/{step}/";

    private static string Found(IReadOnlySet<string> runs) => runs.Count == 0
        ? "no run found"
        : $"runs found: {string.Join(", ", runs.Order(StringComparer.Ordinal).Take(RunStatus.OtherRunsShown))}{(runs.Count > RunStatus.OtherRunsShown ? $" and {runs.Count - RunStatus.OtherRunsShown} more" : string.Empty)}";

    // Every run id that left something: its results (runs/), the steps' rows (_runs/), the canary's probe tree, its predictions.
    private async Task<IReadOnlySet<string>> RunIdsAsync(CancellationToken cancellationToken)
    {
        var listings = new (IObjectStore Store, string Prefix)[]
        {
            (models, "runs/"), (reports, "runs/"), (formatA, StepRowsPrefix), (models, StepRowsPrefix), (reports, StepRowsPrefix),
            (formatA, "canary/"), (reports, NodeKeys.PredictionsRoot),
        };
        var found = await Task.WhenAll(listings.Select(async l =>
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var key in l.Store.ListAsync(l.Prefix, cancellationToken))
            {
                var rest = key[l.Prefix.Length..];
                if (rest.IndexOf('/') is > 0 and var slash)
                {
                    ids.Add(rest[..slash]);
                }
            }

            return ids;
        }));
        return found.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<ExplodeProgress?> ProgressAsync(DatasetSplit split, CancellationToken cancellationToken)
    {
        var (plans, manifests) = await FormatACompleteness.ReadManifestsAsync(formatA, split, cancellationToken);
        return ExplodeProgress.Of(split, plans, manifests);
    }

    // The rows of a step's committed output, or null when it has no part file.
    private static async Task<IReadOnlyList<JsonElement>?> RowsAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        await foreach (var key in store.ListAsync(prefix, cancellationToken))
        {
            if (SparkJsonRows.IsPart(key))
            {
                parts.Add(key);
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var rows = new List<JsonElement>();
        foreach (var key in parts.Order(StringComparer.Ordinal))
        {
            if (await store.GetAsync(key, cancellationToken) is { } content)
            {
                rows.AddRange(SparkJsonRows.Parse(content));
            }
        }

        return rows;
    }

    private static async Task<(T? Value, string? Problem)> DocumentAsync<T>(IObjectStore store, string key, CancellationToken cancellationToken)
        where T : class =>
        Parse<T>(await store.GetAsync(key, cancellationToken), store.UriFor(key));

    // A document that does not parse is one step's problem, shown in its row, not the end of the status: the table
    // of every other step still says where the run stands.
    private static (T? Value, string? Problem) Parse<T>(byte[]? content, string uri)
        where T : class
    {
        if (content is null)
        {
            return (null, null);
        }

        try
        {
            return (JobJson.Deserialize<T>(content, uri), null);
        }
        catch (ToolException ex) when (ex.ExitCode == ExitCode.IntegrityFailure)
        {
            return (null, ex.Message);
        }
    }

    private async Task<bool> HasExplodeProgressAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in formatA.ListAsync(FormatAKeys.ManifestPrefix, cancellationToken))
        {
            return true;
        }

        return false;
    }

}
