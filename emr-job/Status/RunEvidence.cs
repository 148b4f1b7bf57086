namespace MnistEmr.Job.Status;

/// <summary>What the stores hold of one run, as read: the input of <see cref="RunStatus.From"/>, which does no I/O.</summary>
/// <param name="RunId">The run.</param>
internal sealed record RunEvidence(string RunId)
{
    /// <summary>Whether S3|1 holds the loader's manifest; null when no S3|1 was given.</summary>
    public bool? SourceManifest { get; init; }

    /// <summary>The canary's check rows; null when the run has none (run-local has no canary).</summary>
    public IReadOnlyList<CanaryCheck>? Canary { get; init; }

    /// <summary>How far the training split's explode got; null when no explode left a plan or manifest.</summary>
    public ExplodeProgress? TrainExplode { get; init; }

    /// <summary>How far the test split's explode got; null when no explode left a plan or manifest.</summary>
    public ExplodeProgress? TestExplode { get; init; }

    /// <summary>The shard rows the run's explode step committed (EMR); null when there are none.</summary>
    public int? ExplodeRows { get; init; }

    /// <summary>
    /// Of <see cref="ExplodeRows"/>, the shards the step kept as they were, up to date (a row of 0 digits whose
    /// manifest lists some); null when there are no rows.
    /// </summary>
    public int? ExplodeKeptRows { get; init; }

    /// <summary>The model card; null when there is none or it does not parse.</summary>
    public ModelCard? Card { get; init; }

    /// <summary>Why the model card that is there could not be read; null when it was read or is absent.</summary>
    public string? CardUnreadable { get; init; }

    /// <summary>Why report.json could not be read; null when it was read or is absent.</summary>
    public string? ReportUnreadable { get; init; }

    /// <summary>Why the score step's summary.json could not be read; null when it was read or is absent.</summary>
    public string? ScoringUnreadable { get; init; }

    /// <summary>Whether the model zip is there.</summary>
    public bool ModelZip { get; init; }

    /// <summary>Digits the evaluate step's committed rows count (EMR); null when there are no rows.</summary>
    public long? EvaluatedDigits { get; init; }

    /// <summary>report.json; null when there is none.</summary>
    public EvaluationReport? Report { get; init; }

    /// <summary>Whether report.html is there.</summary>
    public bool ReportHtml { get; init; }

    /// <summary>The score step's summary.json; null when absent.</summary>
    public ScoreSummary? Scoring { get; init; }
}
