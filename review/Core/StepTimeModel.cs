namespace MnistEmr.Review.Core;

/// <summary>
/// Estimates each step's duration on the planned cluster from the data volume: pure arithmetic over the
/// executors the job's sizing gives each step, the S3 requests each step makes, and the measured per-digit costs,
/// every number named in <see cref="StepTimeAssumptions"/>.
/// </summary>
/// <remarks>
/// Per step, with P the step's concurrent tasks, t one small request's seconds and R the objects one fetch process reads
/// a second (many GETs in flight, measured):
/// <list type="bullet">
/// <item><description>canary: start-up + its own work;</description></item>
/// <item><description>explode: start-up + waves × (process start + raw download) + write ÷ share of a plain write,
/// where waves = ⌈shards ÷ P⌉ and write = max(waves × (objects ÷ shards) × t ÷ writes in flight, PUTs ÷ PUT limit);
/// for a re-run of an unchanged source, start-up + waves × (process start + the few GETs that find each shard up to date);</description></item>
/// <item><description>reading a split (train, evaluate, and score for its inbox): one listing task (a process start and
/// ⌈objects ÷ 1,000⌉ LIST pages × t, S3's flat listing), then the fetch tasks, P at a time, each a process start, reading
/// max(objects ÷ (P × R), objects ÷ GET limit);</description></item>
/// <item><description>train: start-up + reading the training split on the trainer's single-core executors + process start
/// + training digits × seconds per digit;</description></item>
/// <item><description>evaluate: start-up + reading the test split over the worker slots + ⌈partitions ÷ P⌉ predict process
/// starts + test digits ÷ (digits per second per core × min(partitions, P)) (fetch and predict share each task);</description></item>
/// <item><description>report: start-up + process start + its own work;</description></item>
/// <item><description>score: start-up + the inbox's listing + (for a non-empty inbox) its reading and scoring as evaluate's
/// + the summary task's process start and work. With the default empty inbox that is the step's fixed cost.</description></item>
/// </list>
/// </remarks>
internal static class StepTimeModel
{
    /// <summary>
    /// Estimates a run on <paramref name="cluster"/>: the first run of a source, or with <paramref name="sourceUnchanged"/>
    /// a re-run of a source whose FORMAT A tree explode finds up to date in S3|2 (it keeps every shard, unless the
    /// stack's <c>reExplode</c> puts <c>--re-explode</c> on its command line).
    /// </summary>
    public static RunTimeEstimate Estimate(PlannedCluster cluster, DataVolume data, StepTimeAssumptions assume, bool sourceUnchanged = false)
    {
        var run = new StepRun(cluster, data, assume, sourceUnchanged);
        return new RunTimeEstimate(
            cluster,
            assume.ProvisioningSeconds,
            [.. PipelineSteps.All.Select(step => (Estimators.TryGetValue(step, out var estimate)
                ? estimate
                : throw new InvalidOperationException($"the review has no time estimate for step {step.Name}"))(run))],
            assume.ShutdownSeconds);
    }

    /// <summary>The steps this model estimates: every step of <see cref="PipelineSteps.All"/>, which a test checks.</summary>
    public static IReadOnlyCollection<StepDefinition> Estimated => Estimators.Keys.ToList();

    /// <summary>What a step's estimate is made from: the cluster, the data, the assumptions, and whether the source is unchanged.</summary>
    private sealed record StepRun(PlannedCluster Cluster, DataVolume Data, StepTimeAssumptions Assume, bool SourceUnchanged);

    /// <summary>Each step's estimate, keyed by the contract's step.</summary>
    private static readonly IReadOnlyDictionary<StepDefinition, Func<StepRun, StepEstimate>> Estimators = new Dictionary<StepDefinition, Func<StepRun, StepEstimate>>
    {
        [PipelineSteps.Canary] = r => Canary(r.Assume),
        // reExplode (the explode command's --re-explode) writes every shard even when they are up to date.
        [PipelineSteps.Explode] = r => r.SourceUnchanged && !r.Cluster.Sizing.ReExplode ? ExplodeUpToDate(r.Cluster, r.Assume) : Explode(r.Cluster, r.Data, r.Assume),
        [PipelineSteps.Train] = r => Train(r.Cluster, r.Data, r.Assume),
        [PipelineSteps.Evaluate] = r => Evaluate(r.Cluster, r.Data, r.Assume),
        [PipelineSteps.Report] = r => Report(r.Assume),
        [PipelineSteps.Score] = r => Score(r.Cluster, r.Data, r.Assume),
    };

    private static StepEstimate Canary(StepTimeAssumptions a) => new(
        PipelineSteps.Canary.Name,
        a.SparkStepOverheadSeconds + a.CanaryWorkSeconds,
        $"start-up {S(a.SparkStepOverheadSeconds)} + checks in every slot {S(a.CanaryWorkSeconds)}",
        S3RequestCounts.None);

    private static StepEstimate Explode(PlannedCluster cluster, DataVolume data, StepTimeAssumptions a)
    {
        var shards = cluster.Sizing.ExplodeShards;
        var slots = cluster.WorkerSlots;
        var waves = Math.Ceiling(shards / (double)slots);
        // Each shard task explodes its part of both splits and writes, per split, the split's plan first, its marker and
        // its shard's manifest last (ExplodeShardTask).
        var puts = data.FormatAObjects + (6.0 * shards);
        var perTask = (data.FormatAObjects / (double)shards) * a.SmallRequestSeconds / a.ExplodeWritesInFlight;
        var write = Math.Max(waves * perTask, puts / a.PutsPerSecondLimit);
        var read = waves * (a.JobProcessStartSeconds + (data.RawBytes / a.DownloadBytesPerSecond));
        var seconds = a.SparkStepOverheadSeconds + read + (write / a.ExplodeShareOfPlainWrite);
        return new StepEstimate(
            PipelineSteps.Explode.Name,
            seconds,
            $"start-up {S(a.SparkStepOverheadSeconds)} + {shards} shards in {waves} wave(s) of {Math.Min(shards, slots)} tasks reading the raw files {S(read)} "
            + $"+ {N(puts)} PUTs {S(write)} ÷ {a.ExplodeShareOfPlainWrite.ToString("0.##", CultureInfo.InvariantCulture)} ({(write > waves * perTask ? "S3's PUT rate" : "request latency")} bound)",
            new S3RequestCounts(4.0 * shards, puts, 0));
    }

    // Every shard task finds its shard up to date with a few GETs and writes nothing (explode's up-to-date check).
    private static StepEstimate ExplodeUpToDate(PlannedCluster cluster, StepTimeAssumptions a)
    {
        var shards = cluster.Sizing.ExplodeShards;
        var waves = Math.Ceiling(shards / (double)cluster.WorkerSlots);
        var check = waves * (a.JobProcessStartSeconds + (a.ExplodeUpToDateGetsPerShard * a.SmallRequestSeconds));
        return new StepEstimate(
            PipelineSteps.Explode.Name,
            a.SparkStepOverheadSeconds + check,
            $"start-up {S(a.SparkStepOverheadSeconds)} + {shards} shards in {waves} wave(s), each found up to date with {N(a.ExplodeUpToDateGetsPerShard)} GETs {S(check)}: nothing written",
            new S3RequestCounts(a.ExplodeUpToDateGetsPerShard * shards, 0, 0));
    }

    private static StepEstimate Train(PlannedCluster cluster, DataVolume data, StepTimeAssumptions a)
    {
        var reading = ReadSplit(data.TrainDigits * data.ObjectsPerDigit, cluster.TrainerSlots, cluster.TrainerSlots, $"{cluster.TrainerSlots} single-core executors", a);
        var sweep = cluster.Sizing.SweepCandidates;
        if (sweep == 0)
        {
            var train = a.JobProcessStartSeconds + (data.TrainDigits * a.TrainSecondsPerDigit);
            return new StepEstimate(
                PipelineSteps.Train.Name,
                reading.Seconds + train,
                $"{reading.Basis} + training {N(data.TrainDigits)} digits in one process {S(train)}",
                reading.Requests with { Puts = 3 });
        }

        // The data task packs the digits (one PUT, one process), the candidates train at once (each a process, a GET of
        // the pack, the fit part's training), then the pick task copies the best (a GET per candidate result and the
        // model, three PUTs). The fit part is nine tenths of the training digits.
        var threads = cluster.Executors.SweepThreads;
        var fit = data.TrainDigits * 0.9;
        var slowdown = a.SweepSlowestCandidateFactor * Math.Max(1.0, a.TrainMeasuredThreads / (double)threads);
        var candidates = (2 * a.JobProcessStartSeconds) + (fit * a.TrainSecondsPerDigit * slowdown);
        var tasks = (2 * a.JobProcessStartSeconds) + candidates;
        return new StepEstimate(
            PipelineSteps.Train.Name,
            reading.Seconds + tasks,
            $"{reading.Basis} + packing {S(a.JobProcessStartSeconds)} + a sweep of {sweep} at once on {threads} thread(s) each, "
            + $"the slowest {N(fit)} digits × {slowdown.ToString("0.##", CultureInfo.InvariantCulture)} {S(candidates)} + the pick {S(a.JobProcessStartSeconds)}",
            reading.Requests with { Gets = reading.Requests.Gets + (2 * sweep) + 2, Puts = 2 + (2 * sweep) + 3 });
    }

    private static StepEstimate Evaluate(PlannedCluster cluster, DataVolume data, StepTimeAssumptions a)
    {
        var slots = cluster.WorkerSlots;
        var partitions = cluster.Sizing.EvaluatePartitions;
        var reading = ReadSplit(data.TestDigits * data.ObjectsPerDigit, partitions, slots, $"{slots} slots", a);
        var cores = Math.Min(partitions, slots);
        var predict = (Math.Ceiling(partitions / (double)slots) * a.JobProcessStartSeconds) + (data.TestDigits / (a.InferenceDigitsPerSecondPerCore * cores));
        return new StepEstimate(
            PipelineSteps.Evaluate.Name,
            reading.Seconds + predict,
            $"{reading.Basis} + predicting {N(data.TestDigits)} digits in {partitions} partitions on {cores} cores {S(predict)}",
            reading.Requests with { Puts = 1 });
    }

    private static StepEstimate Report(StepTimeAssumptions a) => new(
        PipelineSteps.Report.Name,
        a.SparkStepOverheadSeconds + a.JobProcessStartSeconds + a.ReportWorkSeconds,
        $"start-up {S(a.SparkStepOverheadSeconds)} + one job process {S(a.JobProcessStartSeconds + a.ReportWorkSeconds)}",
        new S3RequestCounts(0, 2, 0));

    private static StepEstimate Score(PlannedCluster cluster, DataVolume data, StepTimeAssumptions a)
    {
        var images = data.InboxImages;
        var slots = cluster.WorkerSlots;
        var partitions = cluster.Sizing.EvaluatePartitions;
        var cores = Math.Min(partitions, slots);
        // An empty inbox is still one listing task and one LIST page; no fetch or score task starts (an empty partition
        // starts no script).
        var reading = images == 0
            ? (Seconds: a.SparkStepOverheadSeconds + a.JobProcessStartSeconds + a.SmallRequestSeconds, Basis: string.Empty, Requests: new S3RequestCounts(0, 0, 1))
            : ReadSplit(images, partitions, slots, $"{slots} slots", a);
        var score = images == 0 ? 0 : (Math.Ceiling(partitions / (double)slots) * a.JobProcessStartSeconds) + (images / (a.InferenceDigitsPerSecondPerCore * cores));
        var summary = a.JobProcessStartSeconds + a.ScoreSummaryWorkSeconds;
        return new StepEstimate(
            PipelineSteps.Score.Name,
            reading.Seconds + score + summary,
            (images == 0
                ? $"start-up {S(a.SparkStepOverheadSeconds)} + listing an empty inbox {S(a.JobProcessStartSeconds + a.SmallRequestSeconds)} (no image, no score task)"
                : $"{reading.Basis} + scoring {N(images)} images on {cores} cores {S(score)}")
            + $" + summary task {S(summary)}",
            // predictions.jsonl, summary.md, summary.json and the result row's part file.
            reading.Requests with { Puts = 4 });
    }

    // A step's start-up, then one task listing `objects` objects (S3's flat listing, 1,000 keys a page, one page after
    // another) and `tasks` fetch tasks, `slots` at a time, each process reading at the measured rate with its GETs in
    // flight; S3's GET rate per prefix bounds them all together.
    private static (double Seconds, string Basis, S3RequestCounts Requests) ReadSplit(int objects, int tasks, int slots, string readers, StepTimeAssumptions a)
    {
        var pages = Math.Max(1, Math.Ceiling(objects / (double)S3ListPage));
        var list = a.JobProcessStartSeconds + (pages * a.SmallRequestSeconds);
        var processes = Math.Min(tasks, slots);
        var starts = Math.Ceiling(tasks / (double)slots) * a.JobProcessStartSeconds;
        var fetch = starts + Math.Max(objects / (processes * a.FetchObjectsPerSecondPerProcess), objects / a.GetsPerSecondLimit);
        return (
            a.SparkStepOverheadSeconds + list + fetch,
            $"start-up {S(a.SparkStepOverheadSeconds)} + listing {N(pages)} pages {S(list)} + {N(objects)} GETs by {N(processes)} fetch processes on {readers} {S(fetch)}",
            new S3RequestCounts(objects, 0, pages));
    }

    /// <summary>
    /// Keys one LIST request returns at most (S3 ListObjectsV2, <c>max-keys</c> default and maximum 1,000:
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).
    /// </summary>
    public const int S3ListPage = 1000;

    private static string S(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
