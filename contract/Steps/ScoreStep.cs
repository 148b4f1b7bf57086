using static MnistEmr.Contract.Steps.StepSql;

namespace MnistEmr.Contract.Steps;

/// <summary>
/// Score: every <c>.png</c> under S3|2's <c>inbox/</c>, classified with S3|4's model, to S3|3's
/// <c>predictions/&lt;run&gt;/</c>. An absent inbox is an empty one (the job lists it itself).
/// </summary>
public static class ScoreStep
{
    /// <summary>The score step as the stack submits it and the job runs it: its name, what it reads and writes, its executors, retries and SQL.</summary>
    public static readonly StepDefinition Definition = new()
    {
        Name = "mnist-score", Reads = [PipelineNodes.FormatA, PipelineNodes.Model], Writes = [PipelineNodes.Report], Sql = Sql,
    };

    /// <summary>The score step's input: S3|2's inbox.</summary>
    public static string InputUri(StepLocations locations) => locations.FormatAUri + NodeKeys.Inbox;

    /// <summary>Where the score step writes its result row (the predictions go to <c>predictions/&lt;runId&gt;/</c>).</summary>
    public static string ResultsUri(StepLocations locations, string runId) => $"{locations.ReportUri}_runs/{runId}/score/";

    /// <summary>Where the score step writes the run's predictions and summary.</summary>
    public static string PredictionsUri(StepLocations locations, string runId) => locations.ReportUri + NodeKeys.Predictions(runId);

    // The inbox listed by the job (an absent inbox is an empty one), its .png files fetched over the evaluate step's
    // partition count and classified by `rows score` in the same tasks (as evaluate classifies the test split); then
    // all score rows and a marker row in one task, which writes the predictions and summary, so an empty inbox still
    // writes its summary of 0 inputs.
    private static string Sql(StepInput input)
    {
        var (l, sizing, runId) = (input.Locations, input.Sizing, input.RunId);
        var inbox = InputUri(l);
        var score = RowCommand(
            RowProtocol.Score, (RowProtocol.InputOption, inbox), (RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId));
        var summary = RowCommand(
            RowProtocol.ScoreSummary,
            (RowProtocol.InputOption, inbox),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.ReportsOption, l.ReportUri),
            (RowProtocol.RunIdOption, runId));
        return Statements(
            Listed("score_keys", inbox, files: true),
            $"""
            CREATE TEMPORARY VIEW scores AS
            {Transform(RowProtocol.ScoreInput, score, RowProtocol.ScoreOutput)}
            FROM (SELECT {Names(RowProtocol.ScoreInput)} FROM ({Fetched("score_keys", inbox, sizing.EvaluatePartitions)}) AS fetched) AS files
            """,
            $"""
            INSERT OVERWRITE DIRECTORY '{ResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.ScoreOutput, summary, RowProtocol.ScoreSummaryOutput)}
            {OneTask(RowProtocol.ScoreOutput, "scores", "scored")}
            """);
    }
}
