using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Stages;

namespace MnistJob.Cli;

/// <summary><c>train</c>: S3|2 to S3|4.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var trainer = new TrainerOptions();
        var sweep = new SweepOptions();
        var formatA = StoreOption.Required("--format-a", "S3|2, the FORMAT A root (reads train/)");
        var models = StoreOption.Required("--models", "S3|4, where models go");
        var runId = new Option<string?>("--run-id") { Description = "Run id. [default: UTC time plus 4 random hex digits]" };
        var allowIncomplete = AllowIncompleteOption.Create("train/");
        var command = new Command(
            "train",
            "Lists the FORMAT A train/ tree, pairs each .png with its .txt, validates them (decodes, 28x28, label 0-9; "
            + "rejections are counted and recorded), trains a LightGBM multiclass model and writes runs/<run-id>/model.zip, "
            + "runs/<run-id>/model-card.json and then latest.json; with --sweep, each configuration's model and scores "
            + "under runs/<run-id>/candidates/<n>/ first, and the best becomes model.zip. Refuses a tree whose explode did not finish (see "
            + "--allow-incomplete). Prints run-id=, model= and card= lines.")
        {
            formatA, models, runId, allowIncomplete,
        };
        trainer.AddTo(command);
        sweep.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var settings = trainer.Read(parse);
            var run = parse.GetValue(runId) is { } given ? RunKeys.Validate(given) : RunKeys.NewRunId(environment.Clock.GetUtcNow());
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var outcome = await new TrainStage(
                    stores.Open(StoreOption.Read(parse, formatA)), stores.Open(StoreOption.Read(parse, models)), log, environment.Clock, parse.GetValue(allowIncomplete))
                .RunAsync(settings, sweep.Read(parse), run, cancellationToken);
            environment.Out.WriteLine($"run-id={run}");
            environment.Out.WriteLine($"model={outcome.ModelUri}");
            environment.Out.WriteLine($"card={outcome.CardUri}");
            return 0;
        }, token));
        return command;
    }
}
