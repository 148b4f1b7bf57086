namespace MnistEmr.Job.Train;

/// <summary><c>train</c>: S3|2 to S3|4.</summary>
internal static class TrainCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var trainer = new TrainerOptions();
        var sweep = new SweepOptions();
        var formatA = StoreOption.Required("--format-a", "S3|2, the FORMAT A root (reads train/)");
        var models = StoreOption.Required("--models", "S3|4, where models go");
        var runId = RunIdOption.New();
        var allowIncomplete = AllowIncompleteOption.Create("train/");
        var command = new Command(
            "train",
            "Lists the FORMAT A train/ tree, pairs each .png with its .txt, validates them (decodes, 28x28, label 0-9; "
            + "rejections are counted and recorded), trains a LightGBM multiclass model and writes runs/<run-id>/model.zip, "
            + "runs/<run-id>/model-card.json and then latest.json; with --sweep, each configuration's model and scores "
            + "under runs/<run-id>/candidates/<n>/ first, and the best becomes model.zip. Refuses a tree whose explode did "
            + "not finish (see --allow-incomplete). Prints run-id=, model= and card= lines.")
        {
            formatA, models, runId, allowIncomplete,
        };
        trainer.AddTo(command);
        sweep.AddTo(command);
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            // Read in the order the checks always ran, so the same error wins when several are wrong.
            var settings = trainer.Read(parse);
            var run = RunIdOption.ReadNew(parse, runId, environment.Clock);
            var s3 = common.S3(parse, environment);
            var options = new TrainOptions(
                StoreOption.Read(parse, formatA), StoreOption.Read(parse, models), run, parse.GetValue(allowIncomplete), settings, sweep.Read(parse), s3);
            return RunAsync(options, environment, log, cancellationToken);
        }, whenCancelled: "train again with the same --run-id to finish (latest.json is written last)");
    }

    /// <summary>Trains what <paramref name="options"/> name; returns the exit code.</summary>
    public static async Task<int> RunAsync(TrainOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        using var stores = new ObjectStoreFactory(options.S3);
        var outcome = await new TrainStage(stores.Open(options.FormatA), stores.Open(options.Models), log, environment.Clock, options.AllowIncomplete)
            .RunAsync(options.Trainer, options.Sweep, options.RunId, cancellationToken);
        environment.Out.WriteLine($"run-id={options.RunId}");
        environment.Out.WriteLine($"model={outcome.ModelUri}");
        environment.Out.WriteLine($"card={outcome.CardUri}");
        return 0;
    }
}

/// <summary>What <c>train</c> was asked to do, parsed from its command line.</summary>
/// <param name="FormatA">S3|2, whose train/ tree is read.</param>
/// <param name="Models">S3|4, where the model goes.</param>
/// <param name="RunId">The run, checked or made new.</param>
/// <param name="AllowIncomplete">Train on a tree whose explode did not finish.</param>
/// <param name="Trainer">The hyperparameters (the sweep's base configuration).</param>
/// <param name="Sweep">The hyperparameter sweep, or off.</param>
/// <param name="S3">How to reach S3.</param>
internal sealed record TrainOptions(
    StoreLocation FormatA,
    StoreLocation Models,
    string RunId,
    bool AllowIncomplete,
    TrainerSettings Trainer,
    SweepSettings Sweep,
    S3Settings S3);
