using System.Globalization;
using MnistJob.Steps;

namespace Pipeline.Review.Core;

/// <summary>
/// Estimates each step's duration on the planned cluster from the data volume: pure arithmetic over the
/// executors the job's sizing gives each step, the S3 requests each step makes, and the measured per-digit costs,
/// every number named in <see cref="StepTimeAssumptions"/>.
/// </summary>
/// <remarks>
/// Per step, with P the step's concurrent tasks and t one small request's seconds:
/// <list type="bullet">
/// <item><description>canary: start-up + its own work;</description></item>
/// <item><description>explode: start-up + waves × (process start + raw download) + write ÷ share of a plain write,
/// where waves = ⌈shards ÷ P⌉ and write = max(waves × (objects ÷ shards) × t ÷ writes in flight, PUTs ÷ PUT limit);</description></item>
/// <item><description>train: start-up + LIST pages × t ÷ P + max(GETs × t ÷ P, GETs ÷ GET limit) + process start +
/// training digits × seconds per digit, P being the trainer's single-core executors;</description></item>
/// <item><description>evaluate: start-up + the same listing and reading of the test split over the worker slots +
/// ⌈partitions ÷ P⌉ process starts + test digits ÷ (digits per second per core × min(partitions, P));</description></item>
/// <item><description>report: start-up + process start + its own work;</description></item>
/// <item><description>score: start-up + the inbox marker (a process start, a HEAD and a PUT) + LIST pages × t +
/// max(GETs × t ÷ P, GETs ÷ GET limit) over the worker slots + (for a non-empty inbox) ⌈partitions ÷ P⌉ process
/// starts + images ÷ (digits per second per core × min(partitions, P)) + the summary task's process start and work.
/// With the default empty inbox that is the step's fixed cost.</description></item>
/// </list>
/// </remarks>
public static class StepTimeModel
{
    /// <summary>Estimates a run on <paramref name="cluster"/>.</summary>
    public static RunTimeEstimate Estimate(PlannedCluster cluster, DataVolume data, StepTimeAssumptions assume)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(assume);
        return new RunTimeEstimate(
            cluster,
            assume.ProvisioningSeconds,
            [Canary(assume), Explode(cluster, data, assume), Train(cluster, data, assume), Evaluate(cluster, data, assume), Report(assume), Score(cluster, data, assume)],
            assume.ShutdownSeconds);
    }

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
        // Each shard task explodes its part of both splits, then writes one manifest per split.
        var puts = data.FormatAObjects + (2.0 * shards);
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

    private static StepEstimate Train(PlannedCluster cluster, DataVolume data, StepTimeAssumptions a)
    {
        var reading = ReadSplit(data.TrainDigits, data, cluster.TrainerSlots, $"{cluster.TrainerSlots} single-core executors", a);
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
        var reading = ReadSplit(data.TestDigits, data, slots, $"{slots} slots", a);
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
        var marker = a.JobProcessStartSeconds + (2 * a.SmallRequestSeconds);
        // Spark lists the inbox a LIST page (1,000 keys) at a time; an empty inbox is still one page (the marker's).
        var pages = Math.Max(1, Math.Ceiling((images + 1) / 1000.0));
        var list = pages * a.SmallRequestSeconds;
        var read = Math.Max(images * a.SmallRequestSeconds / slots, images / a.GetsPerSecondLimit);
        var cores = Math.Min(partitions, slots);
        var score = images == 0 ? 0 : (Math.Ceiling(partitions / (double)slots) * a.JobProcessStartSeconds) + (images / (a.InferenceDigitsPerSecondPerCore * cores));
        var summary = a.JobProcessStartSeconds + a.ScoreSummaryWorkSeconds;
        return new StepEstimate(
            PipelineSteps.Score.Name,
            a.SparkStepOverheadSeconds + marker + list + read + score + summary,
            $"start-up {S(a.SparkStepOverheadSeconds)} + inbox marker {S(marker)} + listing {N(pages)} page(s) {S(list)} + "
            + (images == 0 ? "an empty inbox (no image, no score task)" : $"{N(images)} GETs on {slots} slots {S(read)} + scoring {N(images)} images on {cores} cores {S(score)}")
            + $" + summary task {S(summary)}",
            // The marker (at most one PUT), predictions.jsonl, summary.md, summary.json and the result row's part file.
            new S3RequestCounts(images, 5, pages));
    }

    // A step's start-up, then listing a split's FORMAT A tree and reading every object once, `slots` requests at a time.
    private static (double Seconds, string Basis, S3RequestCounts Requests) ReadSplit(int digits, DataVolume data, int slots, string readers, StepTimeAssumptions a)
    {
        var pages = data.Tree.ListPages(digits, data.ObjectsPerDigit);
        var gets = (double)digits * data.ObjectsPerDigit;
        var list = pages * a.SmallRequestSeconds / slots;
        var read = Math.Max(gets * a.SmallRequestSeconds / slots, gets / a.GetsPerSecondLimit);
        return (
            a.SparkStepOverheadSeconds + list + read,
            $"start-up {S(a.SparkStepOverheadSeconds)} + listing {N(pages)} pages {S(list)} + {N(gets)} GETs on {readers} {S(read)}",
            new S3RequestCounts(gets, 0, pages));
    }

    private static string S(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
