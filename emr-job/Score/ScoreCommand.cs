namespace MnistEmr.Job.Score;

/// <summary><c>score</c>: S3|4 + a folder or prefix of PNGs to <c>predictions/&lt;run&gt;/</c> of the output, as the EMR score step does.</summary>
internal static class ScoreCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var models = StoreOption.Required("--model", "S3|4, where the run's model is", "--models");
        var runId = RunIdOption.Existing("The run whose model scores. [default: the one latest.json in --model names]");
        var input = StoreOption.Required("--input", "The images: every .png below it, recursively (other files, and names starting with '_' or '.', listed as skipped), or one PNG file or S3 object");
        var output = StoreOption.Required("--output", "Where predictions/<run>/ goes (S3|3 on EMR)");
        var command = new Command(
            "score",
            "Classifies every .png under --input (or the one file it names) with a run's model and writes "
            + "predictions/<run>/predictions.jsonl (key, digit, confidence, top three digits), summary.json and summary.md "
            + "under --output. An image that is not a readable 28x28 8-bit grayscale PNG is rejected and counted (inputs = "
            + "scored + rejected); any other file is listed as skipped, with why. An empty folder or S3 prefix is a run of 0 "
            + "inputs (exit 0); an --input folder or file that does not exist is exit 3. Prints where the results are and the counts.")
        {
            models, runId, input, output,
        };
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            var s3 = common.S3(parse, environment);
            var inputLocation = StoreOption.Read(parse, input);
            var options = new ScoreOptions(StoreOption.Read(parse, models), parse.GetValue(runId), inputLocation, StoreOption.Read(parse, output), s3);
            return RunAsync(options, environment, log, cancellationToken);
        }, whenCancelled: "nothing complete was written (summary.json comes last): run score again");
    }

    /// <summary>Scores what <paramref name="options"/> name; returns the exit code.</summary>
    public static async Task<int> RunAsync(ScoreOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        using var stores = new ObjectStoreFactory(options.S3);
        ScoreResult outcome;
        if (options.Input is FolderStoreLocation folder && !Directory.Exists(folder.Folder))
        {
            // A file (or a link to one, which the reader then refuses as a folder's listing would) is scored alone;
            // nothing there is an error, where an empty folder is a run of 0 inputs.
            var stage = Stage(folder.UriFor(string.Empty));
            outcome = File.Exists(folder.Folder) || new FileInfo(folder.Folder).LinkTarget is not null
                ? await stage.RunFileAsync(folder.Folder, options.RunId, cancellationToken)
                : throw ToolException.Remote($"--input {folder.UriFor(string.Empty)}: no such file or folder");
        }
        else if (options.Input is S3StoreLocation { Prefix.Length: > 0 } s3Input && await SingleObjectAsync(s3Input) is { } single)
        {
            // S3 has no folders: s3://bucket/a/b.png names an object when one has that key, and is scored alone as a
            // file is; otherwise it is a prefix, and a prefix with nothing under it is a run of 0 inputs.
            outcome = await Stage(s3Input.UriFor(string.Empty).TrimEnd('/')).RunObjectAsync(single.Store, single.Key, options.RunId, cancellationToken);
        }
        else
        {
            outcome = await Stage(options.Input.UriFor(string.Empty)).RunAsync(stores.Open(options.Input), options.RunId, cancellationToken);
        }

        HeadlineWriter.Write(environment.Out, outcome);
        return 0;

        ScoreStage Stage(string inputUri) => new(stores.Open(options.Model), inputUri, stores.Open(options.Output), log, environment.Clock);

        async Task<(IObjectStore Store, string Key)?> SingleObjectAsync(S3StoreLocation prefix)
        {
            var name = prefix.Prefix.TrimEnd('/');
            var cut = name.LastIndexOf('/') + 1;
            var parent = stores.Open(prefix with { Prefix = name[..cut] });
            return await parent.HeadAsync(name[cut..], cancellationToken) is null ? null : (parent, name[cut..]);
        }
    }
}

/// <summary>What <c>score</c> was asked to do, parsed from its command line.</summary>
/// <param name="Model">S3|4, where the run's model is.</param>
/// <param name="RunId">The run whose model scores; null for the one latest.json names.</param>
/// <param name="Input">The images: every .png below it.</param>
/// <param name="Output">Where predictions/&lt;run&gt;/ goes.</param>
/// <param name="S3">How to reach S3.</param>
internal sealed record ScoreOptions(StoreLocation Model, string? RunId, StoreLocation Input, StoreLocation Output, S3Settings S3);
