namespace MnistEmr.Job.Evaluate;

/// <summary><c>evaluate</c>: S3|4 + S3|2 to S3|3.</summary>
internal static class EvaluateCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var formatA = StoreOption.Required("--format-a", "S3|2, the FORMAT A root (reads test/)");
        var models = StoreOption.Required("--models", "S3|4, where the model is");
        var reports = StoreOption.Required("--reports", "S3|3, where reports go");
        var runId = new Option<string?>("--run-id") { Description = "The run to evaluate. [default: the one latest.json in --models names]" };
        var allowIncomplete = AllowIncompleteOption.Create("test/");
        var command = new Command(
            "evaluate",
            "Classifies the FORMAT A test/ tree with a run's model and writes runs/<run-id>/report.json, report.md and "
            + "report.html (confusion-matrix heat map, misclassified digits) and latest.json. Refuses a tree whose explode "
            + "did not finish (see --allow-incomplete). Prints where the report is and its headline numbers.")
        {
            formatA, models, reports, runId, allowIncomplete,
        };
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            var s3 = common.S3(parse, environment);
            var options = new EvaluateOptions(
                StoreOption.Read(parse, formatA),
                StoreOption.Read(parse, models),
                StoreOption.Read(parse, reports),
                parse.GetValue(runId),
                parse.GetValue(allowIncomplete),
                s3);
            return RunAsync(options, environment, log, cancellationToken);
        }, whenCancelled: "evaluate again to finish (latest.json is written last)");
    }

    /// <summary>Evaluates what <paramref name="options"/> name; returns the exit code.</summary>
    public static async Task<int> RunAsync(EvaluateOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        using var stores = new ObjectStoreFactory(options.S3);
        var outcome = await new EvaluateStage(
                stores.Open(options.FormatA),
                stores.Open(options.Models),
                stores.Open(options.Reports),
                log,
                environment.Clock,
                options.AllowIncomplete)
            .RunAsync(options.RunId, cancellationToken);
        HeadlineWriter.Write(environment.Out, outcome);
        return 0;
    }
}

/// <summary>What <c>evaluate</c> was asked to do, parsed from its command line.</summary>
/// <param name="FormatA">S3|2, whose test/ tree is classified.</param>
/// <param name="Models">S3|4, where the model is.</param>
/// <param name="Reports">S3|3, where the reports go.</param>
/// <param name="RunId">The run to evaluate; null for the one latest.json names.</param>
/// <param name="AllowIncomplete">Use a test/ tree whose explode did not finish.</param>
/// <param name="S3">How to reach S3.</param>
internal sealed record EvaluateOptions(
    StoreLocation FormatA,
    StoreLocation Models,
    StoreLocation Reports,
    string? RunId,
    bool AllowIncomplete,
    S3Settings S3);
