using System.Globalization;

namespace MnistEmr.Contract.Steps;

/// <summary>
/// The pieces every step's Spark SQL is made of: the job's row command, a TRANSFORM with its row format, the job's
/// own listing and fetching of a tree, and the one-task form that runs even over an empty view. The Spark 3.5
/// behaviour each relies on is cited on <see cref="PipelineSteps"/>.
/// </summary>
internal static class StepSql
{
    /// <summary>The row-protocol command line a step's TRANSFORM runs: the job binary, <c>rows</c>, the stage, the options.</summary>
    public static string RowCommand(string stage, params IEnumerable<(string Option, string Value)> options) =>
        string.Join(' ', new[] { PipelineSteps.JobBinary, RowProtocol.Group, stage }.Concat(options.SelectMany(o => new[] { o.Option, o.Value })));

    /// <summary>A TRANSFORM of <paramref name="input"/> columns through <paramref name="command"/> into <paramref name="output"/> columns.</summary>
    public static string Transform(IEnumerable<RowColumn> input, string command, IEnumerable<RowColumn> output) =>
        $"SELECT TRANSFORM ({Names(input)}) {PipelineSteps.RowFormat} USING '{command}' AS ({Schema(output)}) {PipelineSteps.RowFormat}";

    /// <summary>
    /// <paramref name="view"/> cached as the names under <paramref name="uri"/>, listed by the job in one task (<c>rows list</c>;
    /// CACHE TABLE runs it once, eagerly); with <paramref name="files"/> every file rather than FORMAT A pairs.
    /// </summary>
    /// <remarks>
    /// Spark's own listing (binaryFile) would drop empty files and fail on a prefix with no object, and its scan opens
    /// one file after another in each task (Spark 3.5 BinaryFileFormat.buildReader: a getFileStatus, then the whole
    /// content, per file), so a step's read would take one round trip per object per slot.
    /// </remarks>
    public static string Listed(string view, string uri, bool files = false)
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

    /// <summary>
    /// The names of <paramref name="keysView"/> spread over <paramref name="tasks"/> tasks (REPARTITION(n) is round-robin:
    /// sql-ref-syntax-qry-select-hints.html, "Repartition to the specified number of partitions"), each fetching its
    /// share with many GETs in flight (<c>rows fetch</c>): the path and the base64 contents of each pair.
    /// </summary>
    public static string Fetched(string keysView, string uri, int tasks)
    {
        var command = RowCommand(RowProtocol.Fetch, (RowProtocol.InputOption, uri));
        return $"""
            {Transform(RowProtocol.ListOutput, command, RowProtocol.PairInput)}
            FROM (SELECT /*+ REPARTITION({Number(tasks)}) */ {Names(RowProtocol.ListOutput)} FROM {keysView}) AS names
            """;
    }

    /// <summary>Fetch tasks of a step: one per slot of its executors, so every executor the step may hold reads.</summary>
    public static int ReadTasks(ExecutorShape executors) => executors.MaxExecutors * executors.Cores;

    /// <summary>
    /// Every row of <paramref name="view"/> and an all-NULL marker row in one task (REPARTITION(1)): the marker makes
    /// the task run, and so write its result, even when the view is empty (an empty partition starts no script).
    /// </summary>
    public static string OneTask(IEnumerable<RowColumn> columns, string view, string alias) =>
        $"""
        FROM (SELECT /*+ REPARTITION(1) */ * FROM (
          SELECT {Names(columns)} FROM {view}
          UNION ALL SELECT {NullRow(columns)}) AS {alias}) AS one_task
        """;

    /// <summary>Statements for <c>spark-sql -e</c>, which runs them in order in one session.</summary>
    public static string Statements(params string[] statements) => string.Join(";\n", statements);

    /// <summary>The columns' names, comma-separated.</summary>
    public static string Names(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    /// <summary>The columns with their SQL types, as a schema.</summary>
    public static string Schema(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => c.ToString()));

    /// <summary>A row of NULLs of the columns' types.</summary>
    public static string NullRow(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => $"CAST(NULL AS {c.SqlType}) AS {c.Name}"));

    /// <summary>A count as Spark reads it.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
