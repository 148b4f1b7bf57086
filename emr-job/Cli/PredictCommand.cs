using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MnistJob.Core;
using MnistJob.Io;
using MnistJob.Stages;
using MnistJob.Training;

namespace MnistJob.Cli;

/// <summary><c>predict</c>: classifies PNG files with a model from S3|4, a folder, or a model zip.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(JobEnvironment environment)
    {
        var common = new CommonOptions();
        var model = new Option<string>("--model")
        {
            Description = "S3|4 (s3://bucket/prefix or a folder; the latest run unless --run-id) or a model.zip file.",
            HelpName = "uri",
            Required = true,
        };
        var runId = new Option<string?>("--run-id") { Description = "The run whose model to use. [default: latest]" };
        var files = new Argument<string[]>("png") { Description = "PNG files of 28x28 digits.", Arity = ArgumentArity.OneOrMore };
        var command = new Command(
            "predict",
            "Prints one line per file: <file>\\t<digit>\\t<confidence>, or <file>\\trejected\\t<reason> for a file that is "
            + "not a readable 28x28 PNG (then the exit code is 4, after all files).")
        {
            model, runId, files,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => CommandRunner.RunAsync(parse, environment, common, async (log, cancellationToken) =>
        {
            var ml = new MLContext(seed: 1);
            var classifier = await LoadAsync(parse.GetValue(model)!, parse.GetValue(runId), ml, parse, common, environment, log, cancellationToken);
            var good = new List<(string File, byte[] Pixels)>();
            var rejected = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                byte[] png;
                try
                {
                    png = await File.ReadAllBytesAsync(file, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw JobException.Remote($"cannot read {file}: {ex.Message}", ex);
                }

                if (DigitValidator.DecodeDigit(file, png, out var rejection) is not { } image)
                {
                    environment.Out.WriteLine($"{file}\trejected\t{rejection!.Detail}");
                    rejected++;
                    continue;
                }

                good.Add((file, image.Pixels));
            }

            var predictions = good.Count == 0 ? [] : classifier.Predict(good.Select(g => g.Pixels).ToList());
            for (var i = 0; i < good.Count; i++)
            {
                environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{good[i].File}\t{predictions[i].Label}\t{predictions[i].Confidence:F4}"));
            }

            return rejected == 0 ? 0 : (int)ExitCode.IntegrityFailure;
        }, token));
        return command;
    }

    private static async Task<DigitModel> LoadAsync(
        string model, string? runId, MLContext ml, ParseResult parse, CommonOptions common, JobEnvironment environment, IJobLog log, CancellationToken cancellationToken)
    {
        if (model.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && File.Exists(model))
        {
            await using var zip = File.OpenRead(model);
            return DigitModel.Load(ml, zip, model);
        }

        using var stores = new ObjectStoreFactory(common.S3(parse, environment));
        var store = stores.Open(StoreLocation.Parse(model, "--model"));
        var run = await ModelLoader.ResolveRunIdAsync(store, runId, cancellationToken);
        log.Info($"model: {store.UriFor(RunKeys.Model(run))}");
        return (await ModelLoader.LoadAsync(store, run, ml, cancellationToken)).Model;
    }
}
