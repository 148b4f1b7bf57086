namespace MnistEmr.Job.Status;

/// <summary>
/// Where a run stands, judged only from what its steps left in S3: one row per step in pipeline order, whether the
/// run is complete, and what is still missing. The EMR step states themselves come from EMR
/// (<see cref="ListStepsCommand"/>): the job reads only S3.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Steps">The rows: source (when given), canary, explode, train, evaluate, report, score.</param>
/// <param name="OtherRuns">Other run ids seen in the stores (a run still before its training step shows up here).</param>
/// <param name="ListStepsCommand">The AWS CLI command that lists the cluster's step states.</param>
internal sealed record RunStatus(string RunId, IReadOnlyList<StepStatus> Steps, IReadOnlyList<string> OtherRuns, string ListStepsCommand)
{
    /// <summary>The run's CloudWatch dashboard (the stack's <c>dashboard_url</c> output); null when the outputs were not read or have none.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>The placeholder for the cluster id when the stack's outputs are not known.</summary>
    public const string ClusterIdPlaceholder = "<cluster-id>";

    /// <summary>
    /// The run shown when no step has left a run id yet but explode has left progress (run-local writes its run
    /// under runs/ only after training): its explode row is real, the other steps missing.
    /// </summary>
    public const string NoRunYet = "(none yet)";

    /// <summary>The rows of other runs named at most, so the screen stays one screen.</summary>
    public const int OtherRunsShown = 10;

    /// <summary>Every required step is done and no step failed.</summary>
    public bool Complete => Steps.All(s => s.State != StepState.Failed && (!s.Required || s.State == StepState.Done));

    /// <summary>What is still missing (or failed), one line per step.</summary>
    public IReadOnlyList<string> Missing =>
        Steps.Where(s => s.Missing is not null && (s.Required || s.State == StepState.Failed)).Select(s => $"{s.Step}: {s.Missing}").ToList();

    /// <summary>Judges <paramref name="evidence"/>.</summary>
    /// <param name="evidence">What the stores hold of the run.</param>
    /// <param name="locations">Where each thing is (or would be).</param>
    /// <param name="otherRuns">Other run ids found in the stores.</param>
    /// <param name="clusterId">The EMR cluster id from the stack's outputs, or null for a placeholder.</param>
    public static RunStatus From(RunEvidence evidence, RunLocations locations, IReadOnlyList<string> otherRuns, string? clusterId)
    {
        var steps = new List<StepStatus>();
        if (evidence.SourceManifest is { } source)
        {
            steps.Add(Source(source, locations));
        }

        steps.AddRange(PipelineSteps.All.Select(step => (Readers.TryGetValue(step, out var read)
            ? read
            : throw new InvalidOperationException($"status has no reading of step {step.Name}"))(evidence, locations)));
        return new RunStatus(
            evidence.RunId,
            steps,
            otherRuns.Where(r => r != evidence.RunId).Distinct().Order(StringComparer.Ordinal).ToList(),
            ListSteps(clusterId));
    }

    /// <summary>The steps <c>status</c> judges: every step of <see cref="PipelineSteps.All"/>, which a test checks.</summary>
    public static IReadOnlyCollection<StepDefinition> Judged => Readers.Keys.ToList();

    /// <summary>How each step's row is judged from the evidence, keyed by the contract's step.</summary>
    private static readonly IReadOnlyDictionary<StepDefinition, Func<RunEvidence, RunLocations, StepStatus>> Readers =
        new Dictionary<StepDefinition, Func<RunEvidence, RunLocations, StepStatus>>
        {
            [PipelineSteps.Canary] = Canary,
            [PipelineSteps.Explode] = Explode,
            [PipelineSteps.Train] = Train,
            [PipelineSteps.Evaluate] = Evaluate,
            [PipelineSteps.Report] = Report,
            [PipelineSteps.Score] = Score,
        };

    /// <summary>
    /// The AWS CLI command for the cluster's step states (AWS CLI reference, <c>aws emr list-steps</c>: each step's
    /// <c>Name</c> and <c>Status.State</c>: PENDING, RUNNING, COMPLETED, CANCELLED, FAILED, INTERRUPTED).
    /// </summary>
    public static string ListSteps(string? clusterId) =>
        $"aws emr list-steps --cluster-id {clusterId ?? ClusterIdPlaceholder} --query 'Steps[].[Name,Status.State]' --output table";

    private static StepStatus Source(bool present, RunLocations l) => present
        ? new("source", StepState.Done, false, "the data loader's manifest is there", [], l.SourceManifest, null)
        : new("source", StepState.Missing, false, "no manifest: the data loader has not filled S3|1", [], l.SourceManifest, $"no {l.SourceManifest}");

    private static StepStatus Canary(RunEvidence e, RunLocations l)
    {
        if (e.Canary is not { } checks)
        {
            return new(PipelineSteps.Canary.Name, StepState.NotPresent, false, "not present (run-local has no canary; on EMR it runs first)", [], null, null);
        }

        var failed = checks.Where(c => !c.Passed).ToList();
        var tasks = checks.Select(c => c.Task).Where(t => t >= 0).Distinct().Count();
        if (failed.Count == 0)
        {
            return new(PipelineSteps.Canary.Name, StepState.Done, false, Inv($"{checks.Count} checks passed in {tasks} task{(tasks == 1 ? string.Empty : "s")}"), [], l.CanaryResults, null);
        }

        var first = failed[0];
        var line = Inv($"{failed.Count} of {checks.Count} checks failed, e.g. {first.Probe} (task {first.Task}): {first.Detail}");
        return new(
            PipelineSteps.Canary.Name,
            StepState.Failed,
            false,
            line,
            failed.Skip(1).Take(3).Select(c => Inv($"{c.Probe} (task {c.Task}): {c.Detail}")).ToList(),
            l.CanaryResults,
            line + "; the canary ends the cluster, so no later step runs");
    }

    private static StepStatus Explode(RunEvidence e, RunLocations l)
    {
        var splits = new[] { (Split: DatasetSplit.Train, Progress: e.TrainExplode), (Split: DatasetSplit.Test, Progress: e.TestExplode) };
        if (splits.All(s => s.Progress is null))
        {
            return new(PipelineSteps.Explode.Name, StepState.Missing, true, "no explode plan or shard manifest", [], l.Manifests, $"nothing under {l.Manifests}");
        }

        var headline = string.Join("; ", splits.Select(s => s.Progress is { } p
            ? Inv($"{MnistFiles.NameOf(s.Split)} {p.Finished.Count}/{p.ShardCount} shards, {p.Written:N0}{(p.Digits is { } all ? Inv($" of {all:N0}") : string.Empty)} digits")
            : $"{MnistFiles.NameOf(s.Split)}: nothing"));
        if (e.ExplodeRows is { } shardRows && e.ExplodeKeptRows is > 0 and var keptRows)
        {
            headline += keptRows == shardRows
                ? "; the run kept the tree (every shard up to date, nothing written)"
                : Inv($"; the run kept {keptRows} of {shardRows} shard rows (up to date) and wrote the others");
        }

        var details = splits
            .Where(s => s.Progress is { Written: > 0 })
            .Select(s => Inv($"{MnistFiles.NameOf(s.Split)} per digit 0-9: {string.Join(' ', s.Progress!.LabelCounts.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}"))
            .ToList();
        details.AddRange(splits.Where(s => s.Progress is { Finished.Count: > 0 }).Select(s => Provenance(s.Split, s.Progress!)));
        if (e.ExplodeRows is { } rows)
        {
            details.Add(Inv($"the run's explode step committed {rows} shard rows ({l.ExplodeResults})")
                + (e.ExplodeKeptRows is > 0 and var kept ? Inv($": {kept} kept as they were (up to date, 0 digits written)") : string.Empty));
        }

        var gaps = splits.Select(s => s.Progress switch
        {
            null => $"{MnistFiles.NameOf(s.Split)}: no plan or manifest",
            // "shards 3 of 8" read as three shards of eight: name the shards, then the count.
            { Complete: false } p => Inv($"{MnistFiles.NameOf(s.Split)}: {(p.MissingShards.Count == 1 ? "shard" : "shards")} {ExplodeCoverage.Ranges(p.MissingShards)} not finished ({p.MissingShards.Count} of {p.ShardCount})"),
            _ => null,
        }).OfType<string>().ToList();
        return gaps.Count == 0
            ? new(PipelineSteps.Explode.Name, StepState.Done, true, headline, details, l.Manifests, null)
            : new(PipelineSteps.Explode.Name, StepState.Partial, true, headline, details, l.Manifests, string.Join("; ", gaps));
    }

    // What the finished shards were exploded from: what a later explode compares with to keep them.
    private static string Provenance(DatasetSplit split, ExplodeProgress progress)
    {
        var sources = progress.Finished.Select(m => m.Source).Distinct().ToList();
        var name = MnistFiles.NameOf(split);
        return sources switch
        {
            [null] => $"{name} written by an older job, with no source fingerprint: the next explode writes it again",
            [{ } source] => Inv($"{name} exploded from S3|1 source {source.Digest}, layout {ExplodeUpToDate.Describe(progress.Finished[0].Layout)}"),
            _ => $"{name} shards exploded from different sources: the next explode writes those that differ from S3|1 again",
        };
    }

    private static StepStatus Unreadable(string step, string? uri, string problem) =>
        new(step, StepState.Failed, true, $"unreadable: {problem}", [], uri, $"{uri} is unreadable: its step wrote something else, or it was damaged since");

    private static StepStatus Train(RunEvidence e, RunLocations l)
    {
        if (e.CardUnreadable is { } problem)
        {
            return Unreadable(PipelineSteps.Train.Name, l.ModelCard, problem);
        }

        if (e.Card is not { } card)
        {
            return e.ModelZip
                ? new(PipelineSteps.Train.Name, StepState.Partial, true, "model.zip is there, its card is not (written after it)", [], l.Model, $"no {l.ModelCard}")
                : new(PipelineSteps.Train.Name, StepState.Missing, true, "no model yet", [], l.ModelCard, $"no {l.ModelCard}");
        }

        var data = card.TrainingData;
        var headline = Inv($"{data.Used:N0} digits trained on ({data.Rejected:N0} rejected), training accuracy {card.TrainingAccuracy:P2}, {card.TrainingSeconds:F0} s, {card.CreatedUtc.UtcDateTime:yyyy-MM-dd HH:mm}Z");
        IReadOnlyList<string> sweep = card.Sweep is { } swept
            ? [Inv($"sweep of {swept.Candidates.Count}: kept candidate {swept.Kept}, validation log-loss {swept.Candidates[swept.Kept].ValidationLogLoss:F4} (base {swept.Candidates[0].ValidationLogLoss:F4})")]
            : [];
        IReadOnlyList<string> details = [card.Trainer, .. sweep, $"model {l.Model}", .. data.Warnings.Take(2).Select(w => $"warning: {w}")];
        return e.ModelZip
            ? new(PipelineSteps.Train.Name, StepState.Done, true, headline, details, l.ModelCard, null)
            : new(PipelineSteps.Train.Name, StepState.Partial, true, headline, details, l.ModelCard, $"the card is there but {l.Model} is not");
    }

    private static StepStatus Evaluate(RunEvidence e, RunLocations l)
    {
        if (e.Report is { } report)
        {
            var c = report.Counts;
            return new(PipelineSteps.Evaluate.Name, StepState.Done, true, Inv($"{c.Used:N0} test digits: {c.Correct:N0} right, {c.Misclassified:N0} wrong, {c.Rejected:N0} rejected"), [], l.ReportJson, null);
        }

        return e.EvaluatedDigits is { } digits
            ? new(PipelineSteps.Evaluate.Name, StepState.Done, true, Inv($"{digits:N0} test digits classified (rows committed; the report step turns them into the report)"), [], l.Evaluation, null)
            : e.ReportUnreadable is { } problem ? Unreadable(PipelineSteps.Evaluate.Name, l.ReportJson, problem)
            : new(PipelineSteps.Evaluate.Name, StepState.Missing, true, "no evaluation yet", [], l.Evaluation, $"no rows under {l.Evaluation} and no {l.ReportJson}");
    }

    private static StepStatus Report(RunEvidence e, RunLocations l)
    {
        if (e.ReportUnreadable is { } problem)
        {
            return Unreadable(PipelineSteps.Report.Name, l.ReportJson, problem);
        }

        if (e.Report is not { } report)
        {
            return new(PipelineSteps.Report.Name, StepState.Missing, true, "no report yet", [], l.ReportHtml, $"no {l.ReportJson}");
        }

        var m = report.Metrics;
        var headline = Inv($"accuracy {m.Accuracy:P2}, macro F1 {m.MacroF1:F4}, log loss {m.LogLoss:F4}");
        IReadOnlyList<string> details = [.. report.Warnings.Take(2).Select(w => $"warning: {w}")];
        return e.ReportHtml
            ? new(PipelineSteps.Report.Name, StepState.Done, true, headline, details, l.ReportHtml, null)
            : new(PipelineSteps.Report.Name, StepState.Partial, true, headline, details, l.ReportJson, $"report.json is there but {l.ReportHtml} is not");
    }

    private static StepStatus Score(RunEvidence e, RunLocations l)
    {
        if (e.ScoringUnreadable is { } problem)
        {
            return Unreadable(ScoreStep, l.ScoringSummary, problem) with { Required = false };
        }

        if (e.Scoring is not { } summary)
        {
            return new(ScoreStep, StepState.NotPresent, false, "scoring: not present", [], null, null);
        }

        var headline = Inv($"{summary.Inputs:N0} inputs: {summary.Scored:N0} scored, {summary.Rejected:N0} rejected");
        return new(ScoreStep, StepState.Done, false, headline, [], l.ScoringSummary, null);
    }

    /// <summary>
    /// The score step's row name. Not counted towards a complete run: run-local has no score step, and an EMR run's
    /// inbox may be empty; when the summary is there its counts are shown.
    /// </summary>
    public static readonly string ScoreStep = PipelineSteps.Score.Name;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
