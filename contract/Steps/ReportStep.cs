using static MnistEmr.Contract.Steps.StepSql;

namespace MnistEmr.Contract.Steps;

/// <summary>
/// Report: S3|3's evaluation rows and S3|4's model card to the S3|3 report. The job is given the FORMAT A root too,
/// but only to name it in the report.
/// </summary>
internal static class ReportStep
{
    /// <summary>The report step as the stack submits it and the job runs it: its name, what it reads and writes, its executors, retries and SQL.</summary>
    public static readonly StepDefinition Definition = new()
    {
        Name = "mnist-report", Reads = [PipelineNodes.Report, PipelineNodes.Model], Writes = [PipelineNodes.Report], Retries = StepRetries.None, Sql = Sql,
    };

    /// <summary>Where the report step writes its result row (the report itself goes to <c>runs/&lt;runId&gt;/</c>).</summary>
    public static string ResultsUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/report/";

    /// <summary>The HTML report of the run.</summary>
    public static string HtmlUri(StepLocations locations, string runId) => locations.ReportUri + NodeKeys.ReportHtml(runId);

    private static string Sql(StepInput input)
    {
        var (l, runId) = (input.Locations, input.RunId);
        var command = RowCommand(
            RowProtocol.Report,
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.ReportsOption, l.ReportUri),
            (RowProtocol.RunIdOption, runId));
        var marker = string.Join(", ", RowProtocol.EvaluationColumns.Select(c =>
            c.Name == "kind" ? $"'{RowProtocol.KindRun}' AS kind" : $"CAST(NULL AS {c.SqlType}) AS {c.Name}"));
        return Statements(
            $"CREATE TEMPORARY VIEW evaluation ({Schema(RowProtocol.EvaluationColumns)}) USING json OPTIONS (path '{EvaluateStep.EvaluationUri(l, runId)}')",
            $"""
            INSERT OVERWRITE DIRECTORY '{ResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.EvaluationColumns, command, RowProtocol.ReportOutput)}
            FROM (SELECT /*+ REPARTITION(1) */ * FROM (
              SELECT {marker}
              UNION ALL SELECT {Names(RowProtocol.EvaluationColumns)} FROM evaluation) AS marked) AS one_task
            """);
    }
}
