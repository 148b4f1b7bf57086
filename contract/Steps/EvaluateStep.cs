using static MnistEmr.Contract.Steps.StepSql;

namespace MnistEmr.Contract.Steps;

/// <summary>Evaluate: S3|4's model over S3|2's test tree, to S3|3's evaluation rows.</summary>
internal static class EvaluateStep
{
    /// <summary>The evaluate step as the stack submits it and the job runs it: its name, what it reads and writes, its executors, retries and SQL.</summary>
    public static readonly StepDefinition Definition = new()
    {
        Name = "mnist-evaluate", Reads = [PipelineNodes.Model, PipelineNodes.FormatA], Writes = [PipelineNodes.Report], Sql = Sql,
    };

    /// <summary>Where the evaluate step writes the evaluation rows: confusion counts, mistakes and rejections.</summary>
    public static string EvaluationUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/evaluation/";

    private static string Sql(StepInput input)
    {
        var (l, sizing, runId) = (input.Locations, input.Sizing, input.RunId);
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
}
