using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Stages;
using MnistJob.Training;

namespace MnistJob.Cli;

/// <summary><c>predict</c>: classifies PNG files with a model from S3|4, a folder, or a model zip.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
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
            "Prints one line per file, in argument order: <file>\\t<digit>\\t<confidence>, or <file>\\trejected\\t<reason> "
            + "for a file that cannot be read (missing, a directory, no permission) or is not a readable 28x28 PNG (then the "
            + "exit code is 4, after all files).")
        {
            model, runId, files,
        };
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var ml = new MLContext(seed: 1);
            var classifier = await LoadAsync(parse.GetValue(model)!, parse.GetValue(runId), ml, parse, common, environment, log, cancellationToken);
            // One line per argument, in argument order: a rejection is a line too, never the end of the run.
            var arguments = parse.GetValue(files)!;
            var lines = new string?[arguments.Length];
            var good = new List<(int Index, byte[] Pixels)>();
            for (var i = 0; i < arguments.Length; i++)
            {
                var file = arguments[i];
                if (await ReadAsync(file, cancellationToken) is not { } png)
                {
                    lines[i] = $"{file}\trejected\t{Unreadable(file)}";
                }
                else if (DigitValidator.DecodeDigit(file, png, out var rejection) is not { } image)
                {
                    lines[i] = $"{file}\trejected\t{rejection!.Detail}";
                }
                else
                {
                    good.Add((i, image.Pixels));
                }
            }

            var predictions = good.Count == 0 ? [] : classifier.Predict(good.Select(g => g.Pixels).ToList());
            for (var g = 0; g < good.Count; g++)
            {
                lines[good[g].Index] = string.Create(
                    CultureInfo.InvariantCulture, $"{arguments[good[g].Index]}\t{predictions[g].Label}\t{predictions[g].Confidence:F4}");
            }

            foreach (var line in lines)
            {
                environment.Out.WriteLine(line);
            }

            var rejected = arguments.Length - good.Count;
            return rejected == 0 ? 0 : (int)ExitCode.IntegrityFailure;
        }, token));
        return command;
    }

    /// <summary>The file's bytes, or null when it cannot be read (the reason comes from <see cref="Unreadable"/>).</summary>
    private static async Task<byte[]?> ReadAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="file"/> could not be read, in words rather than .NET's "Access to the path is denied" for a folder.</summary>
    private static string Unreadable(string file) =>
        Directory.Exists(file) ? "cannot read: a directory, not a file"
        : !File.Exists(file) ? "cannot read: no such file"
        : "cannot read: permission denied";

    private static async Task<DigitModel> LoadAsync(
        string model, string? runId, MLContext ml, ParseResult parse, CommonOptions common, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        if (model.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && File.Exists(model))
        {
            await using var zip = File.OpenRead(model);
            return DigitModel.Load(ml, zip, model);
        }

        var location = StoreLocation.Parse(model, "--model");
        if (location is FolderStoreLocation folder && !Directory.Exists(folder.Folder))
        {
            // Not "<model>/latest.json does not exist", which reads as if the folder were there.
            throw ToolException.Remote($"--model {model}: no such model file or folder (give a model.zip or the S3|4 folder train wrote)");
        }

        using var stores = new ObjectStoreFactory(common.S3(parse, environment));
        var store = stores.Open(location);
        var run = await ModelLoader.ResolveRunIdAsync(store, runId, cancellationToken);
        log.Info($"model: {store.UriFor(RunKeys.Model(run))}");
        return (await ModelLoader.LoadAsync(store, run, ml, cancellationToken)).Model;
    }
}
