using System.Globalization;

namespace MnistEmr.Contract;

/// <summary>
/// The EMR steps of one pipeline run: six <c>spark-sql</c> invocations through <c>command-runner.jar</c> whose
/// SQL pipes rows through the job binary with Spark SQL script transformation (<c>SELECT TRANSFORM ... USING</c>).
/// </summary>
/// <remarks>
/// Documented Spark 3.5 behaviour the SQL relies on (https://spark.apache.org/docs/3.5.1/):
/// <list type="bullet">
/// <item><description>Script transformation (sql-ref-syntax-qry-select-transform.html): "Hive support enabled ... Hive
/// SerDe mode": the input columns are serialized by LazySimpleSerDe, "combined by tabs before feeding to the user
/// script", "all NULL values are converted to the literal string <c>\N</c>"; the script's stdout is read as
/// tab-separated STRING columns, a cell of only <c>\N</c> is NULL, then cast to the types of the AS clause; missing
/// columns are NULL, extra ones are dropped. Spark starts the command (with <c>/bin/bash -c</c>) once per partition
/// of its input that holds a row (none for an empty one: Spark 3.5 BaseScriptTransformationExec.doExecute, hence the
/// marker row of the single-task stages), and a non-zero exit fails the task, which Spark retries (<c>spark.task.maxFailures</c>).
/// Every TRANSFORM states its field separator (<c>ROW FORMAT DELIMITED FIELDS TERMINATED BY</c> a tab) on both sides,
/// which the page allows with and without Hive support; rows end in '\n' and NULL is <c>\N</c> in both, so the rows
/// are the same bytes whichever catalog runs them.</description></item>
/// <item><description>Catalog: the <c>spark-sql</c> CLI enables Hive support unless
/// <c>spark.sql.catalogImplementation=in-memory</c> is set (Spark 3.5, sql/hive-thriftserver/.../SparkSQLEnv.scala,
/// <c>init</c>: "if user specified in-memory explicitly, we bypass enable hive support"); with Hive and no
/// metastore configured it would start an embedded Derby metastore in the step's working folder
/// (sql-data-sources-hive-tables.html), and on EMR whatever <c>hive-site.xml</c> names. The steps use only temporary
/// views, so they pin the in-memory catalog: no metastore to reach, nothing persisted between steps.</description></item>
/// <item><description>No step reads objects through Spark. Its binaryFile source would list the tree itself, dropping
/// files of zero bytes (Spark 3.5 PartitioningAwareFileIndex.listFiles keeps <c>isDataPath(f.getPath) &amp;&amp; f.getLen &gt; 0</c>
/// only) and failing on a prefix with no object (DataSource.checkAndGlobPathIfNecessary: "Path does not exist"), then
/// read one file after another in each task (BinaryFileFormat.buildReader: a getFileStatus and the whole content per
/// file), so a step's read would take one S3 round trip per object per slot. Instead one task lists the tree with the
/// job (<c>rows list</c>: S3's own listing, 1,000 keys a request), the names are spread over many tasks, and each task's
/// job process fetches its share with many GETs in flight (<c>rows fetch</c>), handing the next TRANSFORM the rows the
/// binaryFile pairs view used to: the path and the base64 contents.</description></item>
/// <item><description>Hints (sql-ref-syntax-qry-select-hints.html): <c>REPARTITION(n)</c> repartitions to exactly
/// n partitions (a user-given number that adaptive execution does not coalesce), so <c>REPARTITION(1)</c> makes one
/// task.</description></item>
/// <item><description><c>range(start, end, step, numPartitions)</c> (sql-ref-syntax-qry-select-tvf.html): a table of
/// <c>id</c> BIGINT split into numPartitions partitions; with end = numPartitions each partition holds one id.</description></item>
/// <item><description><c>INSERT OVERWRITE DIRECTORY path USING json</c> (sql-ref-syntax-dml-insert-overwrite-directory.html):
/// replaces the directory with the query result as data source files, committed by the output committer only when
/// the job succeeds (a failed attempt leaves no part file).</description></item>
/// <item><description><c>CREATE TEMPORARY VIEW name (columns) USING source OPTIONS (...)</c> (sql-ref-syntax-ddl-create-view.html,
/// the data source form of sql-ref-syntax-ddl-create-table-datasource.html): a session view over files with a
/// user-given schema. <c>CACHE TABLE name AS query</c> (sql-ref-syntax-aux-cache-cache-table.html) runs the
/// query eagerly and keeps the result, so the predictions are computed once for the three outputs made of them.</description></item>
/// <item><description>Built-in functions (sql-ref-functions-builtin.html): <c>base64</c>, <c>replace</c>, <c>char</c>,
/// <c>right</c>, <c>left</c>, <c>length</c>. <c>base64</c> wraps lines at 76 characters in some 3.x releases
/// (MIME encoder, SPARK-47307), so the SQL removes CR and LF from its result: one row must stay one line.</description></item>
/// </list>
/// <c>spark-sql -e</c> runs the semicolon-separated statements in order in one session (temporary views live
/// across them). No literal here contains ';', a quote or a backslash; locations and run ids that do are refused.
/// </remarks>
public static class PipelineSteps
{
    /// <summary>Where the bootstrap action installs the job binary on every node.</summary>
    public const string JobBinary = "/opt/mnist-emr-job/mnist-emr-job";

    /// <summary>The command every step runs through command-runner.jar.</summary>
    public const string SparkSql = "spark-sql";

    /// <summary>
    /// The canary: checks, in every executor slot, what the later steps need, in minutes. It reads S3|1's manifest and
    /// its own probe tree back from S3|2, and writes probes into S3|2, S3|4 and S3|3. Nothing after a failed canary can
    /// succeed, so it ends the cluster at once rather than let it idle until the timeout.
    /// </summary>
    public static readonly StepDefinition Canary = new()
    {
        Name = "mnist-canary",
        OnFailure = StepFailure.TerminateCluster,
        Reads = [PipelineNodes.Source, PipelineNodes.FormatA],
        Writes = [PipelineNodes.FormatA, PipelineNodes.Model, PipelineNodes.Report],
    };

    /// <summary>Explode: S3|1's IDX files to S3|2's FORMAT A trees.</summary>
    public static readonly StepDefinition Explode = new()
    {
        Name = "mnist-explode", Reads = [PipelineNodes.Source], Writes = [PipelineNodes.FormatA],
    };

    /// <summary>Train: S3|2's training tree to S3|4's model and card.</summary>
    public static readonly StepDefinition Train = new()
    {
        Name = "mnist-train", Reads = [PipelineNodes.FormatA], Writes = [PipelineNodes.Model],
    };

    /// <summary>Evaluate: S3|4's model over S3|2's test tree, to S3|3's evaluation rows.</summary>
    public static readonly StepDefinition Evaluate = new()
    {
        Name = "mnist-evaluate", Reads = [PipelineNodes.Model, PipelineNodes.FormatA], Writes = [PipelineNodes.Report],
    };

    /// <summary>
    /// Report: S3|3's evaluation rows and S3|4's model card to the S3|3 report. The job is given the FORMAT A root too,
    /// but only to name it in the report.
    /// </summary>
    public static readonly StepDefinition Report = new()
    {
        Name = "mnist-report", Reads = [PipelineNodes.Report, PipelineNodes.Model], Writes = [PipelineNodes.Report],
    };

    /// <summary>
    /// Score: every <c>.png</c> under S3|2's <c>inbox/</c>, classified with S3|4's model, to S3|3's
    /// <c>predictions/&lt;run&gt;/</c>. An absent inbox is an empty one (the job lists it itself).
    /// </summary>
    public static readonly StepDefinition Score = new()
    {
        Name = "mnist-score", Reads = [PipelineNodes.FormatA, PipelineNodes.Model], Writes = [PipelineNodes.Report],
    };

    /// <summary>Every step, in the order the cluster runs them.</summary>
    public static IReadOnlyList<StepDefinition> All { get; } = [Canary, Explode, Train, Evaluate, Report, Score];

    /// <summary>The step named <paramref name="name"/>, or null when the pipeline has none of that name.</summary>
    public static StepDefinition? Named(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The six steps in order: canary, explode, train, evaluate, report, score.</summary>
    /// <param name="locations">The four S3 prefixes.</param>
    /// <param name="sizing">Shards, partitions and the cluster the executors are sized for.</param>
    /// <param name="runId">The run id: the model and report go under <c>runs/&lt;runId&gt;/</c>.</param>
    /// <param name="end">What ends the cluster: on a transient one every step terminates it when it fails.</param>
    /// <exception cref="ArgumentException">A location does not end in '/', or a value holds a quote, ';', '\', whitespace or a control character, or a count is outside its bounds.</exception>
    /// <exception cref="SizingException">A step's executors cannot fit the core instance type.</exception>
    public static IReadOnlyList<JobStep> For(StepLocations locations, SparkSizing sizing, string runId, ClusterEnd end = ClusterEnd.AfterSteps)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(sizing);
        CheckLocation(locations.SourceUri, nameof(locations.SourceUri));
        CheckLocation(locations.FormatAUri, nameof(locations.FormatAUri));
        CheckLocation(locations.ModelUri, nameof(locations.ModelUri));
        CheckLocation(locations.ReportUri, nameof(locations.ReportUri));
        CheckText(runId, nameof(runId));
        if (sizing.ExplodeShards is < 1 or > SparkSizing.MaxExplodeShards)
        {
            throw new ArgumentException($"ExplodeShards must be from 1 to {SparkSizing.MaxExplodeShards}, not {sizing.ExplodeShards}", nameof(sizing));
        }

        if (sizing.SweepCandidates is < 0 or 1 or > SparkSizing.MaxSweepCandidates)
        {
            throw new ArgumentException($"SweepCandidates must be 0 or from 2 to {SparkSizing.MaxSweepCandidates}, not {sizing.SweepCandidates}", nameof(sizing));
        }

        if (sizing.EvaluatePartitions is < 1 or > SparkSizing.MaxEvaluatePartitions)
        {
            throw new ArgumentException($"EvaluatePartitions must be from 1 to {SparkSizing.MaxEvaluatePartitions}, not {sizing.EvaluatePartitions}", nameof(sizing));
        }

        var plan = ClusterPlan.For(sizing);
        var workers = plan.Workers;
        IReadOnlyList<JobStep> steps =
        [
            Step(Canary, runId, sizing, workers, Retries.None, CanarySql(locations, plan, runId), Allocation.AllAtOnce),
            Step(Explode, runId, sizing, workers, Retries.Transient, ExplodeSql(locations, sizing, runId)),
            Step(Train, runId, sizing, plan.Trainer, Retries.None, sizing.SweepCandidates > 0 ? SweepSql(locations, sizing, plan, runId) : TrainSql(locations, plan, runId)),
            Step(Evaluate, runId, sizing, workers, Retries.Transient, EvaluateSql(locations, sizing, runId)),
            Step(Report, runId, sizing, workers, Retries.None, ReportSql(locations, runId)),
            Step(Score, runId, sizing, workers, Retries.Transient, ScoreSql(locations, sizing, runId)),
        ];
        return end == ClusterEnd.AfterSteps ? steps.Select(s => s with { OnFailure = StepFailure.TerminateCluster }).ToList() : steps;
    }

    /// <summary>Where the canary step writes its check rows (JSON lines).</summary>
    public static string CanaryResultsUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/canary/";

    /// <summary>Where the canary's slots write their check rows, first of all, under <see cref="CanaryResultsUri"/>.</summary>
    public static string CanaryChecksUri(StepLocations locations, string runId) => CanaryResultsUri(locations, runId) + "checks/";

    /// <summary>Where the canary's probe read writes its check row, under <see cref="CanaryResultsUri"/>.</summary>
    public static string CanaryProbeResultsUri(StepLocations locations, string runId) => CanaryResultsUri(locations, runId) + "probe/";

    /// <summary>
    /// Where the canary's task 0 writes the probe tree the canary then reads back with its list and fetch tasks: a few FORMAT A
    /// pairs at several depths, beside train/ and test/ and never read by the later steps.
    /// </summary>
    public static string CanaryProbeUri(StepLocations locations, string runId) => locations.FormatAUri + NodeKeys.CanaryProbeTree(runId);

    /// <summary>Where the explode step writes its per-shard result rows (JSON lines): the run's explode manifest.</summary>
    public static string ExplodeResultsUri(StepLocations locations, string runId) => $"{locations.FormatAUri}_runs/{runId}/explode/";

    /// <summary>Where the train step writes its result row.</summary>
    public static string TrainResultsUri(StepLocations locations, string runId) => $"{locations.ModelUri}_runs/{runId}/train/";

    /// <summary>Where the evaluate step writes the evaluation rows: confusion counts, mistakes and rejections.</summary>
    public static string EvaluationUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/evaluation/";

    /// <summary>Where the report step writes its result row (the report itself goes to <c>runs/&lt;runId&gt;/</c>).</summary>
    public static string ReportResultsUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/report/";

    /// <summary>The score step's input: S3|2's inbox.</summary>
    public static string ScoreInputUri(StepLocations locations) => locations.FormatAUri + NodeKeys.Inbox;

    /// <summary>Where the score step writes its result row (the predictions go to <c>predictions/&lt;runId&gt;/</c>).</summary>
    public static string ScoreResultsUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/score/";

    /// <summary>Where the score step writes the run's predictions and summary.</summary>
    public static string PredictionsUri(StepLocations locations, string runId) => locations.ReportUri + NodeKeys.Predictions(runId);

    /// <summary>The HTML report of the run.</summary>
    public static string ReportHtmlUri(StepLocations locations, string runId) => locations.ReportUri + NodeKeys.ReportHtml(runId);

    /// <summary>The row-protocol command line a step's TRANSFORM runs: the job binary, <c>rows</c>, the stage, the options.</summary>
    public static string RowCommand(string stage, params IEnumerable<(string Option, string Value)> options) =>
        string.Join(' ', new[] { JobBinary, RowProtocol.Group, stage }.Concat(options.SelectMany(o => new[] { o.Option, o.Value })));

    /// <summary>
    /// Attempts of a failed task (<c>spark.task.maxFailures</c>, default 4; 1 means no retry: Spark 3.5
    /// docs/configuration.md). It is read once when the context starts, so it is a launch option, not a SQL SET.
    /// </summary>
    private enum Retries
    {
        /// <summary>Deterministic work (training, the report, the canary's verdict): a failure would only repeat. S3 hiccups are
        /// retried inside the job process by the SDK, and a lost executor does not count as a task failure.</summary>
        None = 1,

        /// <summary>Work that a transient failure can break and a retry repairs: each shard or batch rewrites the same keys or nothing.</summary>
        Transient = 4,
    }

    /// <summary>How a step gets its executors.</summary>
    private enum Allocation
    {
        /// <summary>
        /// Dynamic allocation with EMR's shuffle service, as EMR configures it (Release Guide, "Configure Spark":
        /// spark.dynamicAllocation.enabled true from emr-4.4.0, "Spark Shuffle Service is automatically configured"),
        /// capped so that tasks never outnumber the vCPUs. It starts with no executor and adds them as tasks wait.
        /// </summary>
        Dynamic,

        /// <summary>
        /// Every planned executor requested at start and all of them registered before the first task is scheduled
        /// (Spark 3.5 docs/configuration.md: <c>spark.executor.instances</c>; <c>spark.scheduler.minRegisteredResourcesRatio</c>,
        /// "the minimum ratio of registered resources ... to wait for before scheduling begins", default 0.8 on YARN;
        /// <c>spark.scheduler.maxRegisteredResourcesWaitingTime</c>, after which scheduling begins anyway). Then the
        /// canary's one task per slot lands in every executor, so on every core node: dynamic allocation would start
        /// at none and its first executor could run all the short tasks. Should a node still report nothing, the
        /// verdict fails naming it.
        /// </summary>
        AllAtOnce,
    }

    /// <summary>
    /// How long the canary waits for its executors to register before scheduling anyway: YARN containers start in
    /// seconds once the nodes run; past this the verdict's host check tells what came.
    /// </summary>
    public const int ExecutorWaitSeconds = 300;

    /// <summary>The Spark settings of one step, every one explicit rather than left to EMR's per-instance defaults.</summary>
    private static IEnumerable<(string Key, string Value)> Settings(SparkSizing sizing, ExecutorShape executors, Retries retries, Allocation allocation) =>
    [
        ("spark.sql.catalogImplementation", "in-memory"),
        .. AllocationSettings(executors, allocation),
        ("spark.executor.cores", Number(executors.Cores)),
        ("spark.executor.memory", $"{Number(executors.HeapMib)}m"),
        ("spark.executor.memoryOverhead", $"{Number(executors.OverheadMib)}m"),
        // The job processes inherit the executor's environment (ProcessBuilder; BaseScriptTransformationExec.initProc
        // changes only PATH), so this bounds each one's managed heap.
        ("spark.executorEnv.DOTNET_GCHeapHardLimit", executors.JobHeapLimitHex),
        // LightGBM's OpenMP threads (libgomp) then spin briefly and sleep instead of spinning long while they wait: YARN
        // does not isolate CPUs by default, so other executors' processes share the node's vCPUs, and a spinning thread
        // waiting for one that is descheduled burns the time that thread needs ("PASSIVE ... threads should not consume
        // CPU power while waiting": libgomp manual, OMP_WAIT_POLICY; GOMP_SPINCOUNT, the spins first). The job sets the
        // same default for itself when run elsewhere (OpenMpWaitPolicy, with the measurements).
        ("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE"),
        ("spark.executorEnv.GOMP_SPINCOUNT", "1000"),
        ("spark.yarn.am.memory", $"{Number(ClusterPlan.ApplicationMasterMib)}m"),
        ("spark.driver.memory", $"{Number(ClusterPlan.DriverMib)}m"),
        ("spark.sql.shuffle.partitions", Number(sizing.EvaluatePartitions)),
        ("spark.task.maxFailures", Number((int)retries)),
        ("spark.speculation", "false"),
    ];

    private static (string Key, string Value)[] AllocationSettings(ExecutorShape executors, Allocation allocation) => allocation == Allocation.Dynamic
        ?
        [
            ("spark.dynamicAllocation.enabled", "true"),
            ("spark.shuffle.service.enabled", "true"),
            ("spark.dynamicAllocation.maxExecutors", Number(executors.MaxExecutors)),
        ]
        :
        [
            ("spark.dynamicAllocation.enabled", "false"),
            ("spark.executor.instances", Number(executors.MaxExecutors)),
            ("spark.scheduler.minRegisteredResourcesRatio", "1.0"),
            ("spark.scheduler.maxRegisteredResourcesWaitingTime", $"{Number(ExecutorWaitSeconds)}s"),
        ];

    private static JobStep Step(
        StepDefinition step, string runId, SparkSizing sizing, ExecutorShape executors, Retries retries, string sql, Allocation allocation = Allocation.Dynamic) => new(
        step,
        [
            SparkSql,
            "--name", $"{step.Name}-{runId}",
            .. Settings(sizing, executors, retries, allocation).SelectMany(s => new[] { "--conf", $"{s.Key}={s.Value}" }),
            // One line: CDKTF's HCL output writes a multi-line string as a heredoc, which appends a newline, so the
            // same stack would carry a different command in HCL than in JSON. The SQL has no '--' comments to cut.
            "-e", string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
        ]);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // The canary exercises every Spark SQL feature the later steps use, on a tiny tree, in the order they use them:
    // TRANSFORM over range() in every slot, INSERT OVERWRITE DIRECTORY ... USING json, CACHE TABLE ... AS, the job's
    // own listing and the fetch tasks after REPARTITION, REPARTITION(1) with the marker row, and CREATE TEMPORARY VIEW
    // ... USING json with a schema, whose rows the verdict reads. The slots' check rows are saved first, before the
    // probe tree is read back, so whatever fails later, the rows naming each check are in S3|3 for `status`; the
    // verdict then fails the step when a check failed or a core node ran none.
    private static string CanarySql(StepLocations l, ClusterPlan plan, string runId)
    {
        var tasks = Number(plan.Slots);
        var checks = RowCommand(
            RowProtocol.Canary,
            (RowProtocol.SourceOption, l.SourceUri),
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.ReportsOption, l.ReportUri),
            (RowProtocol.RunIdOption, runId));
        var probeTree = CanaryProbeUri(l, runId);
        var probe = RowCommand(RowProtocol.CanaryProbe, (RowProtocol.FormatAOption, l.FormatAUri), (RowProtocol.RunIdOption, runId));
        var verdict = RowCommand(RowProtocol.CanaryVerdict, (RowProtocol.RunIdOption, runId), (RowProtocol.CoreNodesOption, Number(plan.CoreNodes)));
        return Statements(
            $"""
            INSERT OVERWRITE DIRECTORY '{CanaryChecksUri(l, runId)}' USING json
            {Transform(RowProtocol.CanaryInput, checks, RowProtocol.CanaryOutput)}
            FROM (SELECT CAST(id AS INT) AS task FROM range(0, {tasks}, 1, {tasks})) AS tasks
            """,
            Listed("probe_keys", probeTree),
            $"CREATE TEMPORARY VIEW probe_pairs AS {Fetched("probe_keys", probeTree, 1)}",
            $"""
            INSERT OVERWRITE DIRECTORY '{CanaryProbeResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.PairInput, probe, RowProtocol.CanaryOutput)}
            {OneTask(RowProtocol.PairInput, "probe_pairs", "pairs")}
            """,
            // Both folders of rows, and nothing else: recursiveFileLookup reads the files of subfolders ("it disables
            // partition inferring": sql-data-sources-generic-options.html), and the committers' _SUCCESS files are
            // hidden names the listing skips.
            $"CREATE TEMPORARY VIEW canary_rows ({Schema(RowProtocol.CanaryOutput)}) USING json OPTIONS (path '{CanaryResultsUri(l, runId)}', recursiveFileLookup 'true')",
            $"""
            {Transform(RowProtocol.CanaryOutput, verdict, RowProtocol.VerdictOutput)}
            {OneTask(RowProtocol.CanaryOutput, "canary_rows", "checks")}
            """);
    }

    private static string ExplodeSql(StepLocations l, SparkSizing sizing, string runId)
    {
        var shards = sizing.ExplodeShards.ToString(CultureInfo.InvariantCulture);
        var command = RowCommand(
            RowProtocol.Explode,
            (RowProtocol.SourceOption, l.SourceUri),
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ShardsOption, shards)) + (sizing.ReExplode ? " " + SparkSizing.ReExplodeOption : string.Empty);
        return Statements(
            $"""
            INSERT OVERWRITE DIRECTORY '{ExplodeResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.ExplodeInput, command, RowProtocol.ExplodeOutput)}
            FROM (SELECT CAST(id AS INT) AS shard FROM range(0, {shards}, 1, {shards})) AS shards
            """);
    }

    private static string TrainSql(StepLocations l, ClusterPlan plan, string runId)
    {
        var command = RowCommand(
            RowProtocol.Train,
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.RunIdOption, runId),
            (RowProtocol.ThreadsOption, Number(plan.TrainThreads)));
        return Statements(
            Listed("train_keys", l.FormatAUri + NodeKeys.TrainTree),
            $"CREATE TEMPORARY VIEW train_pairs AS {Fetched("train_keys", l.FormatAUri + NodeKeys.TrainTree, ReadTasks(plan.Trainer))}",
            $"""
            INSERT OVERWRITE DIRECTORY '{TrainResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.PairInput, command, RowProtocol.TrainOutput)}
            {OneTask(RowProtocol.PairInput, "train_pairs", "pairs")}
            """);
    }

    // The sweep: the train pairs into one task that packs them into S3|4 (CACHE TABLE runs it before the next
    // statement); then one task per configuration over range(0, K, 1, K), whose K partitions hold one candidate each
    // (the range() remark above), all running at once in K single-core train executors (ClusterPlan checks the
    // cluster holds them); then every candidate row and a marker row into one task that keeps the best. A shuffle of
    // the pairs crossed with the configurations would send each task a copy of the rows too, but it places rows by
    // pmod(murmur3(candidate), K) (Spark 3.5 HashPartitioning.partitionIdExpression), which can give two
    // configurations one task and another none; range() cannot.
    private static string SweepSql(StepLocations l, SparkSizing sizing, ClusterPlan plan, string runId)
    {
        var candidates = Number(sizing.SweepCandidates);
        (string, string)[] sweep = [(RowProtocol.SweepOption, candidates), (RowProtocol.SweepSeedOption, Number(sizing.SweepSeed))];
        var data = RowCommand(
            RowProtocol.SweepData,
            [(RowProtocol.FormatAOption, l.FormatAUri), (RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId), .. sweep]);
        var train = RowCommand(
            RowProtocol.SweepCandidate,
            [(RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId), (RowProtocol.ThreadsOption, Number(plan.SweepThreads)), .. sweep]);
        // The pick refits the kept configuration on every digit with the threads train without a sweep is given.
        var pick = RowCommand(
            RowProtocol.SweepPick,
            [(RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId), (RowProtocol.ThreadsOption, Number(plan.TrainThreads)), .. sweep]);
        return Statements(
            Listed("train_keys", l.FormatAUri + NodeKeys.TrainTree),
            $"CREATE TEMPORARY VIEW train_pairs AS {Fetched("train_keys", l.FormatAUri + NodeKeys.TrainTree, ReadTasks(plan.Trainer))}",
            $"""
            CACHE TABLE sweep_data AS
            {Transform(RowProtocol.PairInput, data, RowProtocol.SweepDataOutput)}
            {OneTask(RowProtocol.PairInput, "train_pairs", "pairs")}
            """,
            $"""
            CACHE TABLE sweep_candidates AS
            {Transform(RowProtocol.SweepCandidateInput, train, RowProtocol.SweepCandidateOutput)}
            FROM (SELECT CAST(id AS INT) AS candidate FROM range(0, {candidates}, 1, {candidates})) AS candidates
            """,
            $"""
            INSERT OVERWRITE DIRECTORY '{TrainResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.SweepCandidateOutput, pick, RowProtocol.TrainOutput)}
            {OneTask(RowProtocol.SweepCandidateOutput, "sweep_candidates", "rows")}
            """);
    }

    private static string EvaluateSql(StepLocations l, SparkSizing sizing, string runId)
    {
        var command = RowCommand(
            RowProtocol.Predict,
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.RunIdOption, runId));
        return Statements(
            Listed("test_keys", l.FormatAUri + NodeKeys.TestTree),
            $"""
            CACHE TABLE predictions AS
            {Transform(RowProtocol.PairInput, command, RowProtocol.PredictOutput)}
            FROM ({Fetched("test_keys", l.FormatAUri + NodeKeys.TestTree, sizing.EvaluatePartitions)}) AS pairs
            """,
            $"""
            INSERT OVERWRITE DIRECTORY '{EvaluationUri(l, runId)}' USING json
            SELECT '{RowProtocol.KindCount}' AS kind, CAST(NULL AS STRING) AS key, actual, predicted, count(*) AS n,
                   sum(loss) AS loss, sum(seconds) AS seconds, CAST(NULL AS DOUBLE) AS confidence,
                   CAST(NULL AS STRING) AS png, CAST(NULL AS STRING) AS reason, CAST(NULL AS STRING) AS detail
              FROM predictions WHERE reason IS NULL GROUP BY actual, predicted
            UNION ALL
            SELECT '{RowProtocol.KindMistake}', key, actual, predicted, CAST(1 AS BIGINT), loss, seconds, confidence, png,
                   CAST(NULL AS STRING), CAST(NULL AS STRING)
              FROM predictions WHERE reason IS NULL AND actual <> predicted
            UNION ALL
            SELECT '{RowProtocol.KindRejection}', key, actual, CAST(NULL AS INT), CAST(1 AS BIGINT), CAST(NULL AS DOUBLE),
                   CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS STRING), reason, detail
              FROM predictions WHERE reason IS NOT NULL
            """);
    }

    private static string ReportSql(StepLocations l, string runId)
    {
        var command = RowCommand(
            RowProtocol.Report,
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.ReportsOption, l.ReportUri),
            (RowProtocol.RunIdOption, runId));
        var marker = string.Join(", ", RowProtocol.EvaluationColumns.Select(c =>
            c.Name == "kind" ? $"'{RowProtocol.KindRun}' AS kind" : $"CAST(NULL AS {c.SqlType}) AS {c.Name}"));
        return Statements(
            $"CREATE TEMPORARY VIEW evaluation ({Schema(RowProtocol.EvaluationColumns)}) USING json OPTIONS (path '{EvaluationUri(l, runId)}')",
            $"""
            INSERT OVERWRITE DIRECTORY '{ReportResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.EvaluationColumns, command, RowProtocol.ReportOutput)}
            FROM (SELECT /*+ REPARTITION(1) */ * FROM (
              SELECT {marker}
              UNION ALL SELECT {Names(RowProtocol.EvaluationColumns)} FROM evaluation) AS marked) AS one_task
            """);
    }

    // Score: the inbox listed by the job (an absent inbox is an empty one), its .png files fetched over the evaluate
    // step's partition count and classified by `rows score` in the same tasks (as evaluate classifies the test split);
    // then all score rows and a marker row in one task, which writes the predictions and summary, so an empty inbox
    // still writes its summary of 0 inputs.
    private static string ScoreSql(StepLocations l, SparkSizing sizing, string runId)
    {
        var input = ScoreInputUri(l);
        var score = RowCommand(
            RowProtocol.Score, (RowProtocol.InputOption, input), (RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId));
        var summary = RowCommand(
            RowProtocol.ScoreSummary,
            (RowProtocol.InputOption, input),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.ReportsOption, l.ReportUri),
            (RowProtocol.RunIdOption, runId));
        return Statements(
            Listed("score_keys", input, files: true),
            $"""
            CREATE TEMPORARY VIEW scores AS
            {Transform(RowProtocol.ScoreInput, score, RowProtocol.ScoreOutput)}
            FROM (SELECT {Names(RowProtocol.ScoreInput)} FROM ({Fetched("score_keys", input, sizing.EvaluatePartitions)}) AS fetched) AS files
            """,
            $"""
            INSERT OVERWRITE DIRECTORY '{ScoreResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.ScoreOutput, summary, RowProtocol.ScoreSummaryOutput)}
            {OneTask(RowProtocol.ScoreOutput, "scores", "scored")}
            """);
    }

    /// <summary>
    /// The row format of every transformation, on both sides: fields separated by a tab, stated rather than left to
    /// the catalog's default (a tab with Hive SerDe, \u0001 without: Spark 3.5 ScriptTransformationIOSchema.defaultFormat).
    /// The tab is a literal tab character: a backslash escape would not survive CDKTF's HCL output, which writes
    /// '\' unescaped. Rows end in '\n' and NULL is \N in both modes by default, so those clauses, which would need
    /// a backslash, are left out.
    /// </summary>
    public const string RowFormat = "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'";

    private static string Transform(IEnumerable<RowColumn> input, string command, IEnumerable<RowColumn> output) =>
        $"SELECT TRANSFORM ({Names(input)}) {RowFormat} USING '{command}' AS ({Schema(output)}) {RowFormat}";

    // The job lists the tree itself in one task (`rows list`; CACHE TABLE runs it once, eagerly): Spark's own listing
    // (binaryFile) would drop empty files and fail on a prefix with no object, and its scan opens one file after
    // another in each task (Spark 3.5 BinaryFileFormat.buildReader: a getFileStatus, then the whole content, per
    // file), so a step's read would take one round trip per object per slot.
    private static string Listed(string view, string uri, bool files = false)
    {
        var command = files
            ? RowCommand(RowProtocol.List, (RowProtocol.InputOption, uri), (RowProtocol.FilesOption, "true"))
            : RowCommand(RowProtocol.List, (RowProtocol.InputOption, uri));
        return $"""
            CACHE TABLE {view} AS
            {Transform(RowProtocol.CanaryInput, command, RowProtocol.ListOutput)}
            FROM (SELECT CAST(id AS INT) AS task FROM range(0, 1, 1, 1)) AS tasks
            """;
    }

    // The listed names spread over `tasks` tasks (REPARTITION(n) is round-robin: sql-ref-syntax-qry-select-hints.html,
    // "Repartition to the specified number of partitions"), each fetching its share with many GETs in flight
    // (`rows fetch`): the rows a consumer gets are those of the old binaryFile pairs view, contents as base64.
    private static string Fetched(string keysView, string uri, int tasks)
    {
        var command = RowCommand(RowProtocol.Fetch, (RowProtocol.InputOption, uri));
        return $"""
            {Transform(RowProtocol.ListOutput, command, RowProtocol.PairInput)}
            FROM (SELECT /*+ REPARTITION({Number(tasks)}) */ {Names(RowProtocol.ListOutput)} FROM {keysView}) AS names
            """;
    }

    // Fetch tasks of a step: one per slot of its executors, so every executor the step may hold reads.
    private static int ReadTasks(ExecutorShape executors) => executors.MaxExecutors * executors.Cores;

    // Every row of `view` and an all-NULL marker row in one task (REPARTITION(1)): the marker makes the task run, and
    // so write its result, even when the view is empty (an empty partition starts no script).
    private static string OneTask(IEnumerable<RowColumn> columns, string view, string alias) =>
        $"""
        FROM (SELECT /*+ REPARTITION(1) */ * FROM (
          SELECT {Names(columns)} FROM {view}
          UNION ALL SELECT {NullRow(columns)}) AS {alias}) AS one_task
        """;

    // base64 without line breaks: one row must stay one line whatever the release's base64 does.
    private static string Base64(string binary) => $"replace(replace(base64({binary}), char(13), ''), char(10), '')";

    private static string Statements(params string[] statements) => string.Join(";\n", statements);

    private static string Names(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    private static string Schema(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => c.ToString()));

    private static string NullRow(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => $"CAST(NULL AS {c.SqlType}) AS {c.Name}"));

    private static void CheckLocation(string uri, string name)
    {
        CheckText(uri, name);
        if (!uri.EndsWith('/'))
        {
            throw new ArgumentException($"{name} '{uri}' must end in '/'", name);
        }
    }

    private static void CheckText(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (value.Any(c => c is '\'' or '"' or ';' or '\\' or '`' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"{name} '{value}' holds a quote, ';', '\\', '`', whitespace or a control character", name);
        }
    }
}
