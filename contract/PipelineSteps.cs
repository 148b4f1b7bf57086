using MnistEmr.Contract.Steps;

namespace MnistEmr.Contract;

/// <summary>
/// The EMR steps of one pipeline run, one file each under <c>Steps/</c>: <c>spark-sql</c> invocations through <c>command-runner.jar</c> whose
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

    /// <summary>The canary (<see cref="CanaryStep"/>).</summary>
    public static StepDefinition Canary => CanaryStep.Definition;

    /// <summary>Explode (<see cref="ExplodeStep"/>).</summary>
    public static StepDefinition Explode => ExplodeStep.Definition;

    /// <summary>Train (<see cref="TrainStep"/>).</summary>
    public static StepDefinition Train => TrainStep.Definition;

    /// <summary>Evaluate (<see cref="EvaluateStep"/>).</summary>
    public static StepDefinition Evaluate => EvaluateStep.Definition;

    /// <summary>Report (<see cref="ReportStep"/>).</summary>
    public static StepDefinition Report => ReportStep.Definition;

    /// <summary>Score (<see cref="ScoreStep"/>).</summary>
    public static StepDefinition Score => ScoreStep.Definition;

    /// <summary>Every step, in the order the cluster runs them: the one list the stack, the job and the review read.</summary>
    public static IReadOnlyList<StepDefinition> All { get; } =
        [CanaryStep.Definition, ExplodeStep.Definition, TrainStep.Definition, EvaluateStep.Definition, ReportStep.Definition, ScoreStep.Definition];

    /// <summary>The step named <paramref name="name"/>, or null when the pipeline has none of that name.</summary>
    public static StepDefinition? Named(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>Every step of <see cref="All"/>, in order, as the cluster runs it.</summary>
    /// <param name="locations">Every data node's location.</param>
    /// <param name="sizing">Shards, partitions and the cluster the executors are sized for.</param>
    /// <param name="runId">The run id: the model and report go under <c>runs/&lt;runId&gt;/</c>.</param>
    /// <param name="end">What ends the cluster: on a transient one every step terminates it when it fails.</param>
    /// <exception cref="ArgumentException">A location does not end in '/', or a value holds a quote, ';', '\', whitespace or a control character, or a count is outside its bounds.</exception>
    /// <exception cref="SizingException">A step's executors cannot fit the core instance type.</exception>
    public static IReadOnlyList<JobStep> For(StepLocations locations, SparkSizing sizing, string runId, ClusterEnd end = ClusterEnd.AfterSteps)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(sizing);
        foreach (var (node, uri) in locations.All)
        {
            CheckLocation(uri, node.Title);
        }

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

        var input = new StepInput(locations, sizing, runId);
        var steps = All.Select(step => Step(step, input)).ToList();
        return end == ClusterEnd.AfterSteps ? steps.Select(s => s with { OnFailure = StepFailure.TerminateCluster }).ToList() : steps;
    }

    /// <summary>
    /// How long the canary waits for its executors to register before scheduling anyway: YARN containers start in
    /// seconds once the nodes run; past this the verdict's host check tells what came.
    /// </summary>
    public const int ExecutorWaitSeconds = 300;

    /// <summary>
    /// The row format of every transformation, on both sides: fields separated by a tab, stated rather than left to
    /// the catalog's default (a tab with Hive SerDe, \u0001 without: Spark 3.5 ScriptTransformationIOSchema.defaultFormat).
    /// The tab is a literal tab character: a backslash escape would not survive CDKTF's HCL output, which writes
    /// '\' unescaped. Rows end in '\n' and NULL is \N in both modes by default, so those clauses, which would need
    /// a backslash, are left out.
    /// </summary>
    public const string RowFormat = "ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'";

    /// <summary>The Spark settings of one step, every one explicit rather than left to EMR's per-instance defaults.</summary>
    private static IEnumerable<(string Key, string Value)> Settings(SparkSizing sizing, ExecutorShape executors, StepRetries retries, StepAllocation allocation) =>
    [
        ("spark.sql.catalogImplementation", "in-memory"),
        .. AllocationSettings(executors, allocation),
        ("spark.executor.cores", StepSql.Number(executors.Cores)),
        ("spark.executor.memory", $"{StepSql.Number(executors.HeapMib)}m"),
        ("spark.executor.memoryOverhead", $"{StepSql.Number(executors.OverheadMib)}m"),
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
        ("spark.yarn.am.memory", $"{StepSql.Number(ClusterPlan.ApplicationMasterMib)}m"),
        ("spark.driver.memory", $"{StepSql.Number(ClusterPlan.DriverMib)}m"),
        ("spark.sql.shuffle.partitions", StepSql.Number(sizing.EvaluatePartitions)),
        ("spark.task.maxFailures", StepSql.Number((int)retries)),
        ("spark.speculation", "false"),
    ];

    private static (string Key, string Value)[] AllocationSettings(ExecutorShape executors, StepAllocation allocation) => allocation == StepAllocation.Dynamic
        ?
        [
            ("spark.dynamicAllocation.enabled", "true"),
            ("spark.shuffle.service.enabled", "true"),
            ("spark.dynamicAllocation.maxExecutors", StepSql.Number(executors.MaxExecutors)),
        ]
        :
        [
            ("spark.dynamicAllocation.enabled", "false"),
            ("spark.executor.instances", StepSql.Number(executors.MaxExecutors)),
            ("spark.scheduler.minRegisteredResourcesRatio", "1.0"),
            ("spark.scheduler.maxRegisteredResourcesWaitingTime", $"{StepSql.Number(ExecutorWaitSeconds)}s"),
        ];

    private static JobStep Step(StepDefinition step, StepInput input)
    {
        var executors = step.Executors(input.Plan);
        return new(
            step,
            [
                SparkSql,
                "--name", $"{step.Name}-{input.RunId}",
                .. Settings(input.Sizing, executors, step.Retries, step.Allocation).SelectMany(s => new[] { "--conf", $"{s.Key}={s.Value}" }),
                // One line: CDKTF's HCL output writes a multi-line string as a heredoc, which appends a newline, so the
                // same stack would carry a different command in HCL than in JSON. The SQL has no '--' comments to cut.
                "-e", string.Join(' ', step.Sql(input).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            ]);
    }

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
