using static MnistEmr.Contract.Steps.StepSql;

namespace MnistEmr.Contract.Steps;

/// <summary>
/// The canary: checks, in every executor slot, what the later steps need, in minutes. It reads S3|1's manifest and
/// its own probe tree back from S3|2, and writes probes into S3|2, S3|4 and S3|3. Nothing after a failed canary can
/// succeed, so it ends the cluster at once rather than let it idle until the timeout.
/// </summary>
internal static class CanaryStep
{
    /// <summary>The canary step as the stack submits it and the job runs it: its name, what it reads and writes, its executors, retries and SQL.</summary>
    public static readonly StepDefinition Definition = new()
    {
        Name = "mnist-canary",
        OnFailure = StepFailure.TerminateCluster,
        Reads = [PipelineNodes.Source, PipelineNodes.FormatA],
        Writes = [PipelineNodes.FormatA, PipelineNodes.Model, PipelineNodes.Report],
        Retries = StepRetries.None,
        Allocation = StepAllocation.AllAtOnce,
        Sql = Sql,
    };

    /// <summary>Where the canary step writes its check rows (JSON lines).</summary>
    public static string ResultsUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/canary/";

    /// <summary>Where the canary's slots write their check rows, first of all, under <see cref="ResultsUri"/>.</summary>
    public static string ChecksUri(StepLocations locations, string runId) => ResultsUri(locations, runId) + "checks/";

    /// <summary>Where the canary's probe read writes its check row, under <see cref="ResultsUri"/>.</summary>
    public static string ProbeResultsUri(StepLocations locations, string runId) => ResultsUri(locations, runId) + "probe/";

    /// <summary>
    /// Where the canary's task 0 writes the probe tree the canary then reads back with its list and fetch tasks: a few FORMAT A
    /// pairs at several depths, beside train/ and test/ and never read by the later steps.
    /// </summary>
    public static string ProbeUri(StepLocations locations, string runId) => locations.FormatAUri + NodeKeys.CanaryProbeTree(runId);

    // The canary exercises every Spark SQL feature the later steps use, on a tiny tree, in the order they use them:
    // TRANSFORM over range() in every slot, INSERT OVERWRITE DIRECTORY ... USING json, CACHE TABLE ... AS, the job's
    // own listing and the fetch tasks after REPARTITION, REPARTITION(1) with the marker row, and CREATE TEMPORARY VIEW
    // ... USING json with a schema, whose rows the verdict reads. The slots' check rows are saved first, before the
    // probe tree is read back, so whatever fails later, the rows naming each check are in S3|3 for `status`; the
    // verdict then fails the step when a check failed or a core node ran none.
    private static string Sql(StepInput input)
    {
        var (l, plan, runId) = (input.Locations, input.Plan, input.RunId);
        var tasks = Number(plan.Slots);
        var checks = RowCommand(
            RowProtocol.Canary,
            (RowProtocol.SourceOption, l.SourceUri),
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.ReportsOption, l.ReportUri),
            (RowProtocol.RunIdOption, runId));
        var probeTree = ProbeUri(l, runId);
        var probe = RowCommand(RowProtocol.CanaryProbe, (RowProtocol.FormatAOption, l.FormatAUri), (RowProtocol.RunIdOption, runId));
        var verdict = RowCommand(RowProtocol.CanaryVerdict, (RowProtocol.RunIdOption, runId), (RowProtocol.CoreNodesOption, Number(plan.CoreNodes)));
        return Statements(
            $"""
            INSERT OVERWRITE DIRECTORY '{ChecksUri(l, runId)}' USING json
            {Transform(RowProtocol.CanaryInput, checks, RowProtocol.CanaryOutput)}
            FROM (SELECT CAST(id AS INT) AS task FROM range(0, {tasks}, 1, {tasks})) AS tasks
            """,
            Listed("probe_keys", probeTree),
            $"CREATE TEMPORARY VIEW probe_pairs AS {Fetched("probe_keys", probeTree, 1)}",
            $"""
            INSERT OVERWRITE DIRECTORY '{ProbeResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.PairInput, probe, RowProtocol.CanaryOutput)}
            {OneTask(RowProtocol.PairInput, "probe_pairs", "pairs")}
            """,
            // Both folders of rows, and nothing else: recursiveFileLookup reads the files of subfolders ("it disables
            // partition inferring": sql-data-sources-generic-options.html), and the committers' _SUCCESS files are
            // hidden names the listing skips.
            $"CREATE TEMPORARY VIEW canary_rows ({Schema(RowProtocol.CanaryOutput)}) USING json OPTIONS (path '{ResultsUri(l, runId)}', recursiveFileLookup 'true')",
            $"""
            {Transform(RowProtocol.CanaryOutput, verdict, RowProtocol.VerdictOutput)}
            {OneTask(RowProtocol.CanaryOutput, "canary_rows", "checks")}
            """);
    }
}
