using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistEmr.Job.Shared.Cli;
using MnistEmr.Job.Shared.Digits;
using MnistEmr.Job.Shared.Model;
using MnistEmr.Job.Shared.Runs;

namespace MnistEmr.Job.Score;

/// <summary><c>predict</c>: classifies PNG files with a model from S3|4, a folder, or a model zip.</summary>
internal static class PredictCommand
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
        command.SetAction((parse, token) => common.RunAsync(parse, environment, (log, cancellationToken) =>
        {
            var options = new PredictOptions(parse.GetValue(model)!, parse.GetValue(runId), parse.GetValue(files)!, () => common.S3(parse, environment));
            return RunAsync(options, environment, log, cancellationToken);
        }, token));
        return command;
    }

    /// <summary>Classifies the files <paramref name="options"/> name; returns the exit code (4 when any was rejected).</summary>
    public static async Task<int> RunAsync(PredictOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var ml = new MLContext(seed: 1);
        var classifier = await LoadAsync(options, ml, log, cancellationToken);
        // One line per argument, in argument order: a rejection is a line too, never the end of the run.
        var arguments = options.Files;
        var lines = new string?[arguments.Count];
        var good = new List<(int Index, byte[] Pixels)>();
        for (var i = 0; i < arguments.Count; i++)
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

        var rejected = arguments.Count - good.Count;
        return rejected == 0 ? 0 : (int)ExitCode.IntegrityFailure;
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

    private static async Task<DigitModel> LoadAsync(PredictOptions options, MLContext ml, IToolLog log, CancellationToken cancellationToken)
    {
        var model = options.Model;
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

        using var stores = new ObjectStoreFactory(options.S3());
        var store = stores.Open(location);
        var run = await ModelLoader.ResolveRunIdAsync(store, options.RunId, cancellationToken);
        log.Info($"model: {store.UriFor(RunKeys.Model(run))}");
        return (await ModelLoader.LoadAsync(store, run, ml, cancellationToken)).Model;
    }
}

/// <summary>What <c>predict</c> was asked to do, parsed from its command line.</summary>
/// <param name="Model">S3|4 (a URI or folder) or a model.zip file, as given.</param>
/// <param name="RunId">The run whose model to use; null for the latest.</param>
/// <param name="Files">The PNG files, in argument order.</param>
/// <param name="S3">How to reach S3: read only when the model is in a store, so a model.zip never needs valid S3 options.</param>
internal sealed record PredictOptions(string Model, string? RunId, IReadOnlyList<string> Files, Func<S3Settings> S3);
