using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Stages;

namespace MnistJob.Cli;

/// <summary><c>score</c>: S3|4 + a folder or prefix of PNGs to <c>predictions/&lt;run&gt;/</c> of the output, as the EMR score step does.</summary>
public static class ScoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var models = StoreOption.Required("--model", "S3|4, where the run's model is");
        var runId = new Option<string?>("--run") { Description = "The run whose model scores. [default: the one latest.json in --model names]" };
        var input = StoreOption.Required("--input", "The images: every .png below it, recursively (names starting with '_' or '.' skipped, as Spark does)");
        var output = StoreOption.Required("--output", "Where predictions/<run>/ goes (S3|3 on EMR)");
        var command = new Command(
            "score",
            "Classifies every .png under --input with a run's model and writes predictions/<run>/predictions.jsonl (key, "
            + "digit, confidence, top three digits), summary.json and summary.md under --output. An image that is not a "
            + "readable 28x28 8-bit grayscale PNG is rejected and counted (inputs = scored + rejected); an empty or missing "
            + "input is a run of 0 inputs. Exits 0 in both cases; prints where the results are and the counts.")
        {
            models, runId, input, output,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var inputLocation = StoreOption.Read(parse, input);
            // A folder that is not there is an empty inbox, as an S3 prefix with no objects is.
            var inputStore = inputLocation is FolderStoreLocation folder && !Directory.Exists(folder.Folder) ? null : stores.Open(inputLocation);
            var outcome = await new ScoreStage(
                    stores.Open(StoreOption.Read(parse, models)),
                    inputStore,
                    inputLocation.UriFor(string.Empty),
                    stores.Open(StoreOption.Read(parse, output)),
                    log,
                    environment.Clock)
                .RunAsync(parse.GetValue(runId), cancellationToken);
            HeadlineWriter.Write(environment.Out, outcome);
            return 0;
        }, token));
        return command;
    }
}
