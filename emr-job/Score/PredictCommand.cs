namespace MnistEmr.Job.Score;

/// <summary><c>predict</c>: classifies PNG files with a model from S3|4, a folder, or a model zip.</summary>
internal static class PredictCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var model = new Option<string>("--model", "--models")
        {
            Description = "S3|4 (s3://bucket/prefix or a folder; the latest run unless --run-id) or a model.zip file.",
            HelpName = "uri",
            Required = true,
        };
        var runId = RunIdOption.Existing("The run whose model to use. [default: the one latest.json in --model names]");
        var files = new Argument<string[]>("png") { Description = "PNG files of 28x28 digits.", Arity = ArgumentArity.OneOrMore };
        var command = new Command(
            "predict",
            "Prints one line per file, in argument order: <file>\\t<digit>\\t<confidence>, or <file>\\trejected\\t<reason> "
            + "for a file that cannot be read (missing, a directory, no permission, a symbolic link) or is not a readable 28x28 "
            + "8-bit grayscale PNG (then the exit code is 4, after all files): the same reader and rules as score.")
        {
            model, runId, files,
        };
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            var options = new PredictOptions(parse.GetValue(model)!, parse.GetValue(runId), parse.GetValue(files)!, () => common.S3(parse, environment));
            return RunAsync(options, environment, log, cancellationToken);
        }, whenCancelled: "predict writes nothing: run it again");
    }

    /// <summary>Classifies the files <paramref name="options"/> name; returns the exit code (4 when any was rejected).</summary>
    public static async Task<int> RunAsync(PredictOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        // An empty argument names no file: a usage error, said before the model is loaded, not a .NET exception.
        if (options.Files.Any(string.IsNullOrEmpty))
        {
            throw ToolException.Usage("predict: a file argument is empty (\"\"): name each PNG file to classify");
        }

        var scorer = new ImageScorer(await LoadAsync(options, new MLContext(seed: 1), log, cancellationToken));
        // The same reader and acceptance rules as score (ImageScorer, LocalImageFile), so one file gets one answer
        // from both; one line per argument, in argument order: a rejection is a line too, never the end of the run.
        var inputs = new List<ScoreInput>(options.Files.Count);
        foreach (var file in options.Files)
        {
            inputs.Add(await LocalImageFile.ReadAsync(file, file, cancellationToken));
        }

        var images = scorer.Score(inputs);
        foreach (var image in images)
        {
            environment.Out.WriteLine(image.Rejection is { } rejection
                ? $"{image.Key}\trejected\t{rejection.Detail}"
                : string.Create(CultureInfo.InvariantCulture, $"{image.Key}\t{image.Digit}\t{image.Confidence:F4}"));
        }

        return images.All(i => i.IsScored) ? 0 : (int)ExitCode.IntegrityFailure;
    }

    private static async Task<DigitModel> LoadAsync(PredictOptions options, MLContext ml, IToolLog log, CancellationToken cancellationToken)
    {
        var model = options.Model;
        if (File.Exists(model))
        {
            // Any file is read as a model zip, whatever its name; one that is not says so (exit 4), never
            // "no such model file or folder" for a file that is there.
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
