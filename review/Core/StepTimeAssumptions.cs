using MnistEmr.Common.Storage;

namespace MnistEmr.Review.Core;

/// <summary>
/// Every number the step-time model takes for granted, each with where it comes from. The defaults are the
/// figures the review uses; a test may replace them to check the arithmetic on a hand-computed case.
/// </summary>
internal sealed record StepTimeAssumptions
{
    /// <summary>
    /// Seconds from requesting the cluster to its first step: EC2 launch, EMR's bootstrap (the job binary's
    /// install) and application setup. EMR documents no figure; EMR bills "from the time the cluster is requested
    /// until it is terminated" (Amazon EMR FAQ, Billing), so this time is paid for. 10 minutes is an assumption, the
    /// low end of the 10 to 15 minutes a third-party provider's documentation gives for a cluster to reach WAITING
    /// (alchemy.run, AWS EMR Cluster).
    /// </summary>
    public double ProvisioningSeconds { get; init; } = 600;

    /// <summary>
    /// Seconds from the last step's end to the instances' termination, still billed. An assumption (no measurement
    /// and no documented figure): one minute.
    /// </summary>
    public double ShutdownSeconds { get; init; } = 60;

    /// <summary>
    /// Seconds every step spends outside its tasks: <c>spark-sql</c> starting its JVM, YARN starting the
    /// application master, dynamic allocation bringing up executors. An assumption (not measured on EMR here).
    /// </summary>
    public double SparkStepOverheadSeconds { get; init; } = 30;

    /// <summary>
    /// Seconds to start one job process (<c>mnist-emr-job rows ...</c>, self-contained .NET) and load what it needs
    /// (the model, for predict). An assumption.
    /// </summary>
    public double JobProcessStartSeconds { get; init; } = 0.5;

    /// <summary>
    /// Seconds of one small S3 request (GET, PUT or a LIST page) as one caller sees it. AWS: for requests under
    /// 512 KB "median latencies are often in the range of tens of milliseconds" (Best Practices Design Patterns:
    /// Optimizing Amazon S3 Performance, Timeouts and Retries for Latency-Sensitive Applications,
    /// https://docs.aws.amazon.com/whitepapers/latest/s3-optimizing-performance-best-practices/timeouts-and-retries-for-latency-sensitive-applications.html);
    /// 50 ms is taken. FORMAT A's objects are about 400 bytes.
    /// </summary>
    public double SmallRequestSeconds { get; init; } = 0.05;

    /// <summary>
    /// PUTs per second S3 serves at least per partitioned prefix ("at least 3,500 PUT/COPY/POST/DELETE or 5,500
    /// GET/HEAD requests per second per partitioned prefix",
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html). A new FORMAT A bucket is
    /// taken as one partition: S3 partitions further only after sustained load.
    /// </summary>
    public double PutsPerSecondLimit { get; init; } = 3500;

    /// <summary>GETs per second S3 serves at least per partitioned prefix (same page as <see cref="PutsPerSecondLimit"/>).</summary>
    public double GetsPerSecondLimit { get; init; } = 5500;

    /// <summary>
    /// Writes one explode process keeps in flight: the job's S3 store concurrency
    /// (<c>emr-job/Io/S3ObjectStore.cs</c>, MaxConcurrency 32).
    /// </summary>
    public int ExplodeWritesInFlight { get; init; } = 32;

    /// <summary>
    /// Objects one fetch process (<c>rows fetch</c>, the store's 32 GETs in flight) reads a second from a store that
    /// answers each request in <see cref="SmallRequestSeconds"/>: 549, the median of 5 runs of <c>mnist-emr-bench read</c>
    /// (4,000 FORMAT A objects through a loopback proxy adding 50 ms to every request in front of s3rver; range 400 to 584,
    /// against 18 a second one GET at a time; bench/README.md, Reading FORMAT A). Bound by the latency there
    /// (86 % of 32 ÷ 50 ms) at 0.34 ms of CPU an object, so it is taken to hold on an EMR node against S3.
    /// </summary>
    public double FetchObjectsPerSecondPerProcess { get; init; } = 549;

    /// <summary>
    /// GETs and HEADs (both at S3's GET price) an explode shard task makes to find its shard up to date and keep it: one
    /// GET of S3|1's <c>manifest.json</c>, then per split a GET of the plan, a GET of the shard's manifest and a HEAD of
    /// one of its label files, 7 in all (emr-job/README.md, "Up-to-date trees are kept"), each one small request.
    /// </summary>
    public double ExplodeUpToDateGetsPerShard { get; init; } = 7;

    /// <summary>
    /// Bytes per second one process downloads from S3 in one stream (every explode task reads the four raw files
    /// once). An assumption: 50 MB/s.
    /// </summary>
    public double DownloadBytesPerSecond { get; init; } = 50_000_000;

    /// <summary>
    /// Explode's throughput as a share of a plain write of the same keys and bytes: measured 0.51 to 0.80 with
    /// <c>mnist-emr-bench bench</c> on this machine kind, to a folder and to s3rver (emr-job/README.md, Benchmark); the
    /// low end, 0.5, is taken and assumed to hold against S3 as against a folder.
    /// </summary>
    public double ExplodeShareOfPlainWrite { get; init; } = 0.5;

    /// <summary>
    /// Seconds of LightGBM training per training digit: 47 s for 60,000 digits, the median of three runs of
    /// <c>mnist-emr-bench bench --scale-train 60000</c> on this 2-core machine kind with issue 14's trainer
    /// (column-wise histograms, 15 bins, 15 % of the features per tree; emr-job/README.md, Benchmark). Smaller sets
    /// train faster per digit, so this over-estimates them. Taken to hold on one core node, whose vCPUs the trainer
    /// uses.
    /// </summary>
    public double TrainSecondsPerDigit { get; init; } = 47.0 / 60_000;

    /// <summary>
    /// How much longer a sweep's slowest candidate trains than the default configuration on the same threads: the
    /// grid's most boosting rounds (300) over the default's (200). An assumption: leaves and feature fraction change
    /// a round's cost too, less than the rounds do.
    /// </summary>
    public double SweepSlowestCandidateFactor { get; init; } = 1.5;

    /// <summary>
    /// The threads <see cref="TrainSecondsPerDigit"/> was measured on (a 2-core machine): a candidate given fewer is
    /// taken to train proportionally slower, one given more no faster (the estimate stays on the safe side).
    /// </summary>
    public int TrainMeasuredThreads { get; init; } = 2;

    /// <summary>
    /// Digits per second one core predicts end to end (PNG decode, features, model): 33,220 per CPU second measured
    /// with <c>mnist-emr-bench inference</c> after issue 14's vectorized featurizer (the median of 5 pairs; 33,710 to
    /// 44,644 on a quiet machine; emr-job/README.md, Benchmark). 20,000 is taken, for the cores the executors share
    /// and for vCPUs that may be slower than the one measured.
    /// </summary>
    public double InferenceDigitsPerSecondPerCore { get; init; } = 20_000;

    /// <summary>
    /// Seconds of the canary's own work beyond the step overhead: in each slot a job process, a tiny training and a
    /// round trip to three buckets; task 0 also verifies S3|1 and writes the probe tree. An assumption.
    /// </summary>
    public double CanaryWorkSeconds { get; init; } = 15;

    /// <summary>
    /// Seconds of the report step's own work: one job process reads the evaluation rows and writes the HTML report
    /// with its charts. An assumption.
    /// </summary>
    public double ReportWorkSeconds { get; init; } = 10;

    /// <summary>
    /// Seconds of the score step's summary task beyond its process start: one job process reads every score row and
    /// writes the predictions, summary.json and summary.md. An assumption, as <see cref="ReportWorkSeconds"/> is, and
    /// smaller: no charts.
    /// </summary>
    public double ScoreSummaryWorkSeconds { get; init; } = 5;

    /// <summary>The assumptions as sentences, for the review's list.</summary>
    public IReadOnlyList<string> Describe() =>
    [
        $"cluster start-up {Minutes(ProvisioningSeconds)} min (EC2 launch, bootstrap, applications; billed from the request, Amazon EMR FAQ) and shutdown {Minutes(ShutdownSeconds)} min: assumptions, EMR documents no figure",
        $"each step {N(SparkStepOverheadSeconds)} s of spark-sql, YARN and executor start-up; each job process {N(JobProcessStartSeconds)} s to start: assumptions",
        $"a small S3 request takes {N(SmallRequestSeconds * 1000)} ms (AWS: median latencies of requests under 512 KB are often tens of milliseconds); S3 serves at least {N(PutsPerSecondLimit)} PUT and {N(GetsPerSecondLimit)} GET per second per partitioned prefix, the FORMAT A bucket taken as one partition",
        $"the job lists a tree in one task (S3's flat listing, 1,000 keys a LIST page) and fetches it in every slot, {N(FetchObjectsPerSecondPerProcess)} objects a second per fetch process "
        + $"(measured with mnist-emr-bench read at 50 ms a request); explode keeps {ExplodeWritesInFlight} PUTs in flight per task, and on a re-run of an unchanged source finds each shard up to date with {N(ExplodeUpToDateGetsPerShard)} GETs",
        $"explode runs at {N(ExplodeShareOfPlainWrite)} of a plain write (measured 0.51 to 0.80 with mnist-emr-bench bench)",
        $"training {N(TrainSecondsPerDigit * 1000)} ms per digit on the trainer's node (47 s for 60,000 digits measured on a 2-core machine); inference {N(InferenceDigitsPerSecondPerCore)} digits/s per core (33,220 per CPU second measured)",
        $"with a sweep, the slowest candidate trains {N(SweepSlowestCandidateFactor)} times as long as the default configuration (the grid's 300 rounds against 200), "
        + $"and a candidate on fewer than {TrainMeasuredThreads} threads proportionally longer: assumptions",
        $"the canary's work {N(CanaryWorkSeconds)} s, the report's {N(ReportWorkSeconds)} s and the score summary's {N(ScoreSummaryWorkSeconds)} s beyond their step's start-up: assumptions",
        "the score step reads the inbox as evaluate reads the test split (one GET per image, at the same inference rate); a fetch or score task starts only for a partition that holds images (Spark 3.5 BaseScriptTransformationExec.doExecute launches no script for an empty partition)",
    ];

    private static string N(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Minutes(double seconds) => N(seconds / 60);
}
