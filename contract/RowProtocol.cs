namespace MnistEmr.Contract;

/// <summary>
/// The names both sides of the row protocol use: the job binary's <c>rows</c> subcommands and options, and the
/// columns Spark sends and reads back. The generated SQL and the job's command line take them from here only.
/// </summary>
/// <remarks>
/// Rows travel in Hive's default text format (LazySimpleSerDe): fields separated by a tab, one row a line ending
/// in '\n', <c>\N</c> for NULL. Binary content crosses as base64 (no tab, newline or backslash can occur in it).
/// </remarks>
public static class RowProtocol
{
    /// <summary>The command group of the row protocol: <c>mnist-emr-job rows &lt;stage&gt;</c>.</summary>
    public const string Group = "rows";

    /// <summary>
    /// Input: task numbers, one a task. Each task checks what the later steps need on its executor and writes one
    /// row per check (see <see cref="CanaryOutput"/>); task 0 also checks S3|1's manifest and writes the probe tree.
    /// A failed check is a row, not an exit: the verdict reads them all.
    /// </summary>
    public const string Canary = "canary";

    /// <summary>Input: the probe tree's pairs (see <see cref="PairInput"/>), all in one task. Output: check rows: did Spark deliver exactly the probe?</summary>
    public const string CanaryProbe = "canary-probe";

    /// <summary>
    /// Input: every canary check row, all in one task. Output: one row (see <see cref="VerdictOutput"/>); exits non-zero
    /// naming each failed check, and when fewer hosts than <see cref="CoreNodesOption"/> ran the slots' checks.
    /// </summary>
    public const string CanaryVerdict = "canary-verdict";

    /// <summary>Input: shard numbers. Output: one row per split of the shard (see <see cref="ExplodeOutput"/>).</summary>
    public const string Explode = "explode";

    /// <summary>
    /// Input: one row (the task number 0). Lists every object under <see cref="InputOption"/> itself, hidden names
    /// skipped, and writes one row per name (see <see cref="ListOutput"/>): a FORMAT A tree grouped by name (a
    /// <c>.png</c> and its <c>.txt</c>, or a stray file alone), or with <see cref="FilesOption"/> each scoring input
    /// alone. No object is read: the fetch tasks read them, many at a time.
    /// </summary>
    public const string List = "list";

    /// <summary>
    /// Input: named keys (see <see cref="ListOutput"/>). Reads their objects under <see cref="InputOption"/> with many
    /// GETs in flight and writes one row per input row with the contents (see <see cref="PairInput"/>), in input order.
    /// </summary>
    public const string Fetch = "fetch";

    /// <summary>Input: FORMAT A train pairs (see <see cref="PairInput"/>), all in one task. Output: one row (see <see cref="TrainOutput"/>).</summary>
    public const string Train = "train";

    /// <summary>
    /// The sweep's first part. Input: FORMAT A train pairs (see <see cref="PairInput"/>), all in one task. Validates them
    /// as <see cref="Train"/> does and packs the usable digits into one S3|4 object for the candidates. Output: one row
    /// (see <see cref="SweepDataOutput"/>).
    /// </summary>
    public const string SweepData = "sweep-data";

    /// <summary>
    /// The sweep's second part. Input: candidate numbers, one a task (see <see cref="SweepCandidateInput"/>). Trains that
    /// configuration on the packed digits and writes only its own <c>candidates/&lt;n&gt;/</c>. Output: one row per
    /// candidate (see <see cref="SweepCandidateOutput"/>).
    /// </summary>
    public const string SweepCandidate = "sweep-candidate";

    /// <summary>
    /// The sweep's last part. Input: every candidate row (see <see cref="SweepCandidateOutput"/>) and a marker row, all
    /// in one task. Keeps the best, writes the model, the card with the sweep, and latest.json. Output: one row (see <see cref="TrainOutput"/>).
    /// </summary>
    public const string SweepPick = "sweep-pick";

    /// <summary>Input: FORMAT A test pairs (see <see cref="PairInput"/>). Output: one row per pair (see <see cref="PredictOutput"/>).</summary>
    public const string Predict = "predict";

    /// <summary>Input: the evaluation rows (see <see cref="EvaluationColumns"/>), all in one task. Output: one row (see <see cref="ReportOutput"/>).</summary>
    public const string Report = "report";

    /// <summary>Input: the input's <c>.png</c> files (see <see cref="ScoreInput"/>). Output: one row per file (see <see cref="ScoreOutput"/>).</summary>
    public const string Score = "score";

    /// <summary>Input: every score row (see <see cref="ScoreOutput"/>) and a marker row, all in one task. Writes the predictions and summary. Output: one row (see <see cref="ScoreSummaryOutput"/>).</summary>
    public const string ScoreSummary = "score-summary";

    /// <summary>Option: the scoring input, a prefix of PNG files.</summary>
    public const string InputOption = "--input";

    /// <summary>Option of <see cref="List"/>: list each scoring input (a <c>.png</c>) alone instead of grouping a FORMAT A tree by name.</summary>
    public const string FilesOption = "--files";

    /// <summary>Option: S3|1, the IDX files.</summary>
    public const string SourceOption = "--source";

    /// <summary>Option: S3|2, the FORMAT A root.</summary>
    public const string FormatAOption = "--format-a";

    /// <summary>Option: S3|4, the models root.</summary>
    public const string ModelsOption = "--models";

    /// <summary>Option: S3|3, the reports root.</summary>
    public const string ReportsOption = "--reports";

    /// <summary>Option: the run id.</summary>
    public const string RunIdOption = "--run-id";

    /// <summary>Option: configurations of the hyperparameter sweep.</summary>
    public const string SweepOption = "--sweep";

    /// <summary>Option: seed of the sweep's draw and validation split.</summary>
    public const string SweepSeedOption = "--sweep-seed";

    /// <summary>Option: LightGBM threads of one training process.</summary>
    public const string ThreadsOption = "--threads";

    /// <summary>Option of <see cref="CanaryVerdict"/>: the core nodes planned, each of which must have run canary checks.</summary>
    public const string CoreNodesOption = "--core-nodes";

    /// <summary>Option: shards per split.</summary>
    public const string ShardsOption = "--shards";

    /// <summary>Canary input: the task number, 0 to slots - 1.</summary>
    public static readonly IReadOnlyList<RowColumn> CanaryInput = [new("task", "INT")];

    /// <summary>Canary output, one row per check: the task, the check's name, whether it passed, what was seen and the host that ran it.</summary>
    public static readonly IReadOnlyList<RowColumn> CanaryOutput =
        [new("task", "INT"), new("probe", "STRING"), new("passed", "BOOLEAN"), new("detail", "STRING"), new("host", "STRING")];

    /// <summary>Verdict output: checks read and checks failed.</summary>
    public static readonly IReadOnlyList<RowColumn> VerdictOutput = [new("checks", "INT"), new("failed", "INT")];

    /// <summary>Explode input: the shard number, 0 to shards - 1.</summary>
    public static readonly IReadOnlyList<RowColumn> ExplodeInput = [new("shard", "INT")];

    /// <summary>Explode output: per shard and split, the digits written and the shard manifest's URI.</summary>
    public static readonly IReadOnlyList<RowColumn> ExplodeOutput =
        [new("shard", "INT"), new("split", "STRING"), new("digits", "INT"), new("manifest", "STRING")];

    /// <summary>
    /// Train and predict input: one FORMAT A name. <c>path</c> is the base64 of the file's URI as <see cref="List"/> gives it
    /// (UTF-8) without the <c>.png</c>/<c>.txt</c> extension (the full URI for a file that is neither), so no key
    /// can break a row; <c>png</c> and <c>label</c> are the base64 contents of the two files, NULL when missing.
    /// A row whose path is NULL carries nothing: the train SQL adds one so that its single task runs even on an
    /// empty tree.
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> PairInput = [new("path", "STRING"), new("png", "STRING"), new("label", "STRING")];

    /// <summary>
    /// List output, one row per name: <c>path</c> is the base64 of the URI the consumer is given (the name's URI, without
    /// <c>.png</c>/<c>.txt</c> for a FORMAT A pair, as in <see cref="PairInput"/>); <c>png_key</c> and <c>label_key</c> are
    /// the base64 keys, relative to the listed input, of the objects to fetch, NULL when missing (both NULL for a stray
    /// file, whose content no reader needs). Keys cross as base64, so no key can break a row.
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> ListOutput = [new("path", "STRING"), new("png_key", "STRING"), new("label_key", "STRING")];

    /// <summary>Train output: the run, the model and card URIs and the data counts.</summary>
    public static readonly IReadOnlyList<RowColumn> TrainOutput =
    [
        new("run_id", "STRING"), new("model", "STRING"), new("model_card", "STRING"),
        new("inputs", "INT"), new("used", "INT"), new("rejected", "INT"), new("training_seconds", "DOUBLE"),
    ];

    /// <summary>Sweep-data output: the run and the training data's counts, split into the part to fit and the part to validate on.</summary>
    public static readonly IReadOnlyList<RowColumn> SweepDataOutput =
    [
        new("run_id", "STRING"), new("inputs", "INT"), new("used", "INT"), new("rejected", "INT"), new("fit", "INT"), new("validation", "INT"),
    ];

    /// <summary>Sweep-candidate input: the candidate number, 0 to candidates - 1.</summary>
    public static readonly IReadOnlyList<RowColumn> SweepCandidateInput = [new("candidate", "INT")];

    /// <summary>
    /// Sweep-candidate output, one row per candidate: its validation log-loss and accuracy, its training time and the
    /// URI of its result. A row whose candidate is NULL carries nothing: the pick SQL adds one so that its single task
    /// runs whatever arrives.
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> SweepCandidateOutput =
    [
        new("candidate", "INT"), new("validation_log_loss", "DOUBLE"), new("validation_accuracy", "DOUBLE"),
        new("training_seconds", "DOUBLE"), new("result", "STRING"),
    ];

    /// <summary>
    /// Predict output, one row per input name: the FORMAT A key (of the .png), the actual and predicted digits,
    /// the confidence, the log-loss term of the true digit and the digit's share of its batch's inference time;
    /// for a mistake the base64 PNG too; for a rejection the key of the offending file, the reason and the detail
    /// instead of a prediction.
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> PredictOutput =
    [
        new("key", "STRING"), new("actual", "INT"), new("predicted", "INT"), new("confidence", "DOUBLE"),
        new("loss", "DOUBLE"), new("seconds", "DOUBLE"), new("png", "STRING"), new("reason", "STRING"), new("detail", "STRING"),
    ];

    /// <summary>
    /// The evaluation rows the evaluate step stores under the run and the report step sends in: <c>kind</c> is
    /// <c>run</c> (one marker row the report SQL adds), <c>count</c> (GROUP BY actual, predicted: <c>n</c> digits,
    /// <c>loss</c> and inference <c>seconds</c> summed),
    /// <c>mistake</c> (key, actual, predicted, confidence, png) or <c>rejection</c> (key, reason, detail).
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> EvaluationColumns =
    [
        new("kind", "STRING"), new("key", "STRING"), new("actual", "INT"), new("predicted", "INT"), new("n", "BIGINT"),
        new("loss", "DOUBLE"), new("seconds", "DOUBLE"), new("confidence", "DOUBLE"), new("png", "STRING"),
        new("reason", "STRING"), new("detail", "STRING"),
    ];

    /// <summary>Report output: the report's URIs and headline numbers.</summary>
    public static readonly IReadOnlyList<RowColumn> ReportOutput =
    [
        new("run_id", "STRING"), new("report_html", "STRING"), new("report_json", "STRING"), new("accuracy", "DOUBLE"),
        new("macro_f1", "DOUBLE"), new("log_loss", "DOUBLE"), new("used", "BIGINT"), new("rejected", "BIGINT"),
    ];

    /// <summary>
    /// Score input: one file of the input. <c>path</c> is the base64 of the file's URI as <see cref="List"/> gives it (UTF-8),
    /// <c>png</c> the base64 of its content.
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> ScoreInput = [new("path", "STRING"), new("png", "STRING")];

    /// <summary>
    /// Score output, one row per input file: its key relative to the input, the digit and its probability, the second
    /// and third most probable digits with theirs; for a rejection the reason and the detail instead. A row whose key
    /// is NULL carries nothing: the summary SQL adds one so that its single task runs even on an empty input.
    /// </summary>
    public static readonly IReadOnlyList<RowColumn> ScoreOutput =
    [
        new("key", "STRING"), new("digit", "INT"), new("confidence", "DOUBLE"), new("second", "INT"), new("second_p", "DOUBLE"),
        new("third", "INT"), new("third_p", "DOUBLE"), new("reason", "STRING"), new("detail", "STRING"),
    ];

    /// <summary>Score-summary output: the run, where the predictions and summary are, and the counts.</summary>
    public static readonly IReadOnlyList<RowColumn> ScoreSummaryOutput =
    [
        new("run_id", "STRING"), new("predictions", "STRING"), new("summary", "STRING"),
        new("inputs", "BIGINT"), new("scored", "BIGINT"), new("rejected", "BIGINT"), new("skipped", "BIGINT"),
    ];

    /// <summary>The <c>kind</c> of the evaluation marker row.</summary>
    public const string KindRun = "run";

    /// <summary>The <c>kind</c> of a confusion-matrix cell.</summary>
    public const string KindCount = "count";

    /// <summary>The <c>kind</c> of a misclassified digit.</summary>
    public const string KindMistake = "mistake";

    /// <summary>The <c>kind</c> of a rejected test input.</summary>
    public const string KindRejection = "rejection";
}

/// <summary>One column of a row-protocol schema.</summary>
/// <param name="Name">The column name in SQL.</param>
/// <param name="SqlType">Its Spark SQL type.</param>
public sealed record RowColumn(string Name, string SqlType)
{
    /// <summary><c>name TYPE</c>, as in a TRANSFORM's AS clause or a view schema.</summary>
    public override string ToString() => $"{Name} {SqlType}";
}
