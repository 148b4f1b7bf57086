using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Stages;

namespace MnistJob.Cli;

/// <summary><c>explode</c>: S3|1 to S3|2, one shard or all of them.</summary>
public static class ExplodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ToolEnvironment environment)
    {
        var common = new CommonOptions(environment);
        var layout = new LayoutOptions();
        var source = StoreOption.Required("--source", "S3|1, the four IDX .gz files");
        var target = StoreOption.Required("--format-a", "S3|2, the FORMAT A root (train/ and test/ trees go under it)");
        var split = new Option<string?>("--split") { Description = "train or test. [default: both]" };
        var shard = new Option<int?>("--shard") { Description = "Write only this shard (0-based). [default: all shards]" };
        var shards = ShardsOption.Create("Shards per split.");
        var command = new Command(
            "explode",
            "Writes each digit of the IDX files as <name>.png (8-bit grayscale, exact pixels) and <name>.txt (its label) "
            + "in random-named nested folders under train/ or test/. Names come from a keyed hash of the seed, split and "
            + "index: re-running a shard rewrites the same keys. Each shard writes its manifest last, under _manifests/. "
            + "Prints the manifest URIs.")
        {
            source, target, split, shard, shards,
        };
        layout.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => common.RunAsync(parse, environment, async (log, cancellationToken) =>
        {
            var splits = parse.GetValue(split) is { } name ? [MnistFiles.ParseSplit(name)] : new[] { DatasetSplit.Train, DatasetSplit.Test };
            var formatALayout = new FormatALayout(layout.Read(parse));
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            var input = stores.Open(StoreOption.Read(parse, source));
            var output = stores.Open(StoreOption.Read(parse, target));
            var count = parse.GetValue(shards);
            if (parse.GetValue(shard) is { } chosen)
            {
                // A usage error before any I/O: the shard's range needs the digit count, its number does not.
                ShardRange.Of(chosen, count, 0);
            }

            var stage = new ExplodeStage(output, formatALayout, log, environment.Clock);
            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            // Every input is fetched and checked before the first digit is written.
            var sets = await SourceReader.ReadSplitsAsync(input, splits, log, cancellationToken);
            var written = new List<string>();
            foreach (var s in splits)
            {
                var digits = sets[s];
                var ranges = parse.GetValue(shard) is { } one ? [ShardRange.Of(one, count, digits.Count)] : ShardRange.All(count, digits.Count);
                var total = 0;
                foreach (var range in ranges)
                {
                    var manifest = await stage.RunShardAsync(digits, s, range, output.MaxConcurrency, cancellationToken);
                    environment.Out.WriteLine(output.UriFor(FormatAKeys.ManifestKey(s, manifest.Shard, manifest.ShardCount)));
                    total += manifest.Count;
                }

                written.Add($"{total} {MnistFiles.NameOf(s)}");
            }

            log.Info(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"explode: wrote {string.Join(" and ", written)} digits ({(parse.GetValue(shard) is { } only ? $"shard {only} of {count}" : $"{count} shards")} per split) to {output.UriFor(string.Empty)} in {elapsed.Elapsed.TotalSeconds:F1} s"));
            return 0;
        }, token));
        return command;
    }
}
