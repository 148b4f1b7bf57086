using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Stages;

namespace MnistJob.Cli;

/// <summary><c>evaluate</c>: S3|4 + S3|2 to S3|3.</summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
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
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var outcome = await new EvaluateStage(
                    stores.Open(StoreOption.Read(parse, formatA)),
                    stores.Open(StoreOption.Read(parse, models)),
                    stores.Open(StoreOption.Read(parse, reports)),
                    log,
                    environment.Clock,
                    parse.GetValue(allowIncomplete))
                .RunAsync(parse.GetValue(runId), cancellationToken);
            HeadlineWriter.Write(environment.Out, outcome);
            return 0;
        }, token));
        return command;
    }
}
