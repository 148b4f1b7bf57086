namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// Each stage's rows as its typed values, by <see cref="RowProtocol"/> column name: what a row means is written here
/// once, beside the protocol, and the commands deal in <see cref="CanaryCheck"/>, <see cref="PairRow"/>,
/// <see cref="EvaluationRow"/> and the stages' results only.
/// </summary>
internal static class StageRows
{
    /// <summary>A canary input row: the task number.</summary>
    public static int ReadCanaryTask(InputRow row) => row.Int("task");

    /// <summary>A canary check row, or null for the marker row (all NULL) that only makes a single task run.</summary>
    public static CanaryCheck? ReadCheck(InputRow row) =>
        row.IsNull("probe")
            ? null
            : new CanaryCheck(row.Int("task"), row.Text("probe")!, row.Bool("passed"), row.Text("detail") ?? string.Empty, row.Text("host") ?? string.Empty);

    /// <summary>Writes one canary check.</summary>
    public static Task WriteCheckAsync(RowWriter writer, CanaryCheck check) => writer.WriteAsync(
        ("task", HiveTextRows.Number(check.Task)),
        ("probe", check.Probe),
        ("passed", check.Passed ? "true" : "false"),
        ("detail", check.Detail),
        ("host", check.Host));

    /// <summary>Writes the canary's verdict: checks read, none failed.</summary>
    public static Task WriteVerdictAsync(RowWriter writer, int checks) => writer.WriteAsync(
        ("checks", HiveTextRows.Number(checks)),
        ("failed", HiveTextRows.Number(0)));

    /// <summary>An explode input row: the shard number.</summary>
    public static int ReadShard(InputRow row) => row.Int("shard");

    /// <summary>Writes what one shard of one split wrote.</summary>
    public static Task WriteExplodeAsync(RowWriter writer, ExplodeShardResult result) => writer.WriteAsync(
        ("shard", HiveTextRows.Number(result.Shard)),
        ("split", MnistFiles.NameOf(result.Split)),
        ("digits", HiveTextRows.Number(result.Digits)),
        ("manifest", result.ManifestUri));

    /// <summary>
    /// A (path, png, label) row as a FORMAT A pair: the path (base64 of the URI Spark listed, extension stripped)
    /// becomes a key relative to the FORMAT A root. The marker row (NULL path) is none.
    /// </summary>
    public static PairRow? ReadPair(InputRow row, StoreLocation root)
    {
        if (row.IsNull("path"))
        {
            return row.IsNull("png") && row.IsNull("label")
                ? null
                : throw ToolException.Integrity($"row {row.Number}: path is NULL but png or label is not");
        }

        string path;
        try
        {
            path = new UTF8Encoding(false, true).GetString(row.Base64("path")!);
        }
        catch (DecoderFallbackException)
        {
            throw ToolException.Integrity($"row {row.Number}: path is not UTF-8");
        }

        return new PairRow(SparkPaths.RelativeKey(root, path), row.Base64("png"), row.Base64("label"));
    }

    /// <summary>Writes one listed name: the URI the consumer is given and the keys to fetch, all as base64.</summary>
    public static Task WriteNameAsync(RowWriter writer, string uri, NameKeys name) => writer.WriteAsync(
        ("path", Base64Utf8(uri)),
        ("png_key", name.PngKey is { } png ? Base64Utf8(png) : null),
        ("label_key", name.TxtKey is { } txt ? Base64Utf8(txt) : null));

    /// <summary>A listed name's row as the consumer's path (still base64, passed on as it is) and the keys to fetch.</summary>
    public static ListedName ReadName(InputRow row) => new(
        row.Required("path"),
        row.IsNull("png_key") ? null : Utf8(row, "png_key"),
        row.IsNull("label_key") ? null : Utf8(row, "label_key"));

    /// <summary>Writes a fetched name: the path as listed and the contents as base64 (an empty object is an empty field, not NULL).</summary>
    public static Task WriteFetchedAsync(RowWriter writer, string path, byte[]? png, byte[]? label) => writer.WriteAsync(
        ("path", path),
        ("png", png is null ? null : Convert.ToBase64String(png)),
        ("label", label is null ? null : Convert.ToBase64String(label)));

    /// <summary>Writes the train step's result.</summary>
    public static Task WriteTrainAsync(RowWriter writer, TrainResult outcome)
    {
        var data = outcome.Card.TrainingData;
        return writer.WriteAsync(
            ("run_id", outcome.Card.RunId),
            ("model", outcome.ModelUri),
            ("model_card", outcome.CardUri),
            ("inputs", HiveTextRows.Number(data.Inputs)),
            ("used", HiveTextRows.Number(data.Used)),
            ("rejected", HiveTextRows.Number(data.Rejected)),
            ("training_seconds", HiveTextRows.Number(outcome.Card.TrainingSeconds)));
    }

    /// <summary>
    /// Writes what the sweep's data task found: the counts of <paramref name="data"/>, and the fit and validation
    /// parts of <paramref name="packed"/> (NULL when the run was already trained and nothing was packed).
    /// </summary>
    public static Task WriteSweepDataAsync(RowWriter writer, string runId, TrainingDataSummary data, SweepData? packed) => writer.WriteAsync(
        ("run_id", runId),
        ("inputs", HiveTextRows.Number(data.Inputs)),
        ("used", HiveTextRows.Number(data.Used)),
        ("rejected", HiveTextRows.Number(data.Rejected)),
        ("fit", packed is null ? null : HiveTextRows.Number(packed.FitDigits)),
        ("validation", packed is null ? null : HiveTextRows.Number(packed.ValidationDigits)));

    /// <summary>A sweep-candidate input row: the candidate number.</summary>
    public static int ReadCandidateTask(InputRow row) => row.Int("candidate");

    /// <summary>Writes one candidate's result; <paramref name="resultUri"/> is where its candidate.json is.</summary>
    public static Task WriteCandidateAsync(RowWriter writer, CandidateResult result, string resultUri) => writer.WriteAsync(
        ("candidate", HiveTextRows.Number(result.Index)),
        ("validation_log_loss", HiveTextRows.Number(result.ValidationLogLoss)),
        ("validation_accuracy", HiveTextRows.Number(result.ValidationAccuracy)),
        ("training_seconds", HiveTextRows.Number(result.TrainingSeconds)),
        ("result", resultUri));

    /// <summary>The candidate a pick input row names, or null for the marker row (all NULL) that only makes the single task run.</summary>
    public static int? ReadPickedCandidate(InputRow row) => row.OptionalInt("candidate");

    /// <summary>Writes one prediction (or rejection) of a test pair.</summary>
    public static Task WritePredictionAsync(RowWriter writer, PredictionRow prediction)
    {
        var rejected = prediction.Rejection is not null;
        return writer.WriteAsync(
            ("key", prediction.Key),
            ("actual", prediction.Actual is { } actual ? HiveTextRows.Number(actual) : null),
            ("predicted", prediction.Predicted is { } predicted ? HiveTextRows.Number(predicted) : null),
            ("confidence", rejected ? null : HiveTextRows.Number(prediction.Confidence)),
            ("loss", rejected ? null : HiveTextRows.Number(prediction.Loss)),
            ("seconds", rejected ? null : HiveTextRows.Number(prediction.Seconds)),
            ("png", prediction.Png is { } png ? Convert.ToBase64String(png) : null),
            ("reason", prediction.Rejection?.Reason.ToString()),
            ("detail", prediction.Rejection?.Detail));
    }

    /// <summary>An evaluation row, as the evaluate step stored it and the report step sends it in.</summary>
    public static EvaluationRow ReadEvaluation(InputRow row) => new(
        row.Required("kind"),
        row.Text("key"),
        row.OptionalInt("actual"),
        row.OptionalInt("predicted"),
        row.Long("n"),
        row.Double("loss"),
        row.Double("seconds"),
        row.Double("confidence"),
        row.Base64("png"),
        row.Raw("reason"),
        row.Text("detail"));

    /// <summary>Writes the report step's result: the report's URIs and headline numbers.</summary>
    public static Task WriteReportAsync(RowWriter writer, EvaluateResult outcome)
    {
        var report = outcome.Report;
        return writer.WriteAsync(
            ("run_id", report.RunId),
            ("report_html", outcome.HtmlUri),
            ("report_json", outcome.JsonUri),
            ("accuracy", HiveTextRows.Number(report.Metrics.Accuracy)),
            ("macro_f1", HiveTextRows.Number(report.Metrics.MacroF1)),
            ("log_loss", HiveTextRows.Number(report.Metrics.LogLoss)),
            ("used", HiveTextRows.Number(report.Counts.Used)),
            ("rejected", HiveTextRows.Number(report.Counts.Rejected)));
    }

    /// <summary>
    /// A score input row as the input's key and bytes: the path (base64 of the URI Spark listed) relative to
    /// <paramref name="root"/>; png NULL for a file the listing skipped (nothing fetched) or one gone since.
    /// </summary>
    public static ScoreInput ReadScoreInput(InputRow row, StoreLocation root) =>
        ScoreInput.Listed(SparkPaths.RelativeKey(root, Utf8(row, "path")), row.Base64("png"));

    /// <summary>Writes one scored (or rejected) image.</summary>
    public static Task WriteScoredAsync(RowWriter writer, ScoredImage image)
    {
        DigitProbability? Top(int i) => i < image.Top.Count ? image.Top[i] : null;
        var rejected = !image.IsScored;
        return writer.WriteAsync(
            ("key", image.Key),
            ("digit", image.Digit is { } digit ? HiveTextRows.Number(digit) : null),
            ("confidence", rejected ? null : HiveTextRows.Number(image.Confidence)),
            ("second", Top(1) is { } second ? HiveTextRows.Number(second.Digit) : null),
            ("second_p", Top(1) is { } secondP ? HiveTextRows.Number(secondP.Probability) : null),
            ("third", Top(2) is { } third ? HiveTextRows.Number(third.Digit) : null),
            ("third_p", Top(2) is { } thirdP ? HiveTextRows.Number(thirdP.Probability) : null),
            ("reason", image.Skipped is not null ? SkippedReason : image.Rejection?.Reason.ToString()),
            ("detail", image.Skipped ?? image.Rejection?.Detail));
    }

    /// <summary>The reason column of a score row for a file that is no input of scoring (the detail says why).</summary>
    public const string SkippedReason = "Skipped";

    /// <summary>A score row as the scored image it was written from, or null for the marker row (NULL key).</summary>
    public static ScoredImage? ReadScored(InputRow row)
    {
        if (row.Text("key") is not { } key)
        {
            return null;
        }

        if (row.Raw("reason") is SkippedReason)
        {
            return ScoredImage.Skip(key, row.Text("detail") ?? string.Empty);
        }

        if (row.Raw("reason") is { } reason)
        {
            return Enum.TryParse<RejectionReason>(reason, out var parsed) && Enum.IsDefined(parsed)
                ? ScoredImage.Rejected(new Rejection(key, parsed, row.Text("detail") ?? string.Empty))
                : throw ToolException.Integrity($"row {row.Number}: column reason is not a rejection reason: '{HiveTextRows.Escape(reason)}'");
        }

        var digit = row.Int("digit");
        var confidence = row.Double("confidence");
        var top = new List<DigitProbability> { new(digit, confidence) };
        foreach (var (d, p) in new[] { ("second", "second_p"), ("third", "third_p") })
        {
            if (row.OptionalInt(d) is { } other)
            {
                top.Add(new DigitProbability(other, row.Double(p)));
            }
        }

        return new ScoredImage(key, digit, confidence, top, null);
    }

    /// <summary>Writes the score-summary result.</summary>
    public static Task WriteScoreSummaryAsync(RowWriter writer, ScoreResult outcome) => writer.WriteAsync(
        ("run_id", outcome.Summary.RunId),
        ("predictions", outcome.PredictionsUri),
        ("summary", outcome.SummaryJsonUri),
        ("inputs", HiveTextRows.Number(outcome.Summary.Inputs)),
        ("scored", HiveTextRows.Number(outcome.Summary.Scored)),
        ("rejected", HiveTextRows.Number(outcome.Summary.Rejected)),
        ("skipped", HiveTextRows.Number(outcome.Summary.Skipped)));

    private static string Base64Utf8(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Utf8(InputRow row, string column)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(row.Base64(column) ?? throw ToolException.Integrity($"row {row.Number}: column {column} is NULL"));
        }
        catch (DecoderFallbackException)
        {
            throw ToolException.Integrity($"row {row.Number}: {column} is not UTF-8");
        }
    }
}
