namespace MnistEmr.Bench;

/// <summary>
/// <c>fixture</c>: writes the scale fixture (<see cref="ScaleFixture"/>) as the four IDX .gz files of an S3|1 folder,
/// so run-local (of this build or another) can be timed at full MNIST size as a whole process.
/// </summary>
internal static class FixtureCommand
{
    /// <summary>Writes <c>--train</c> (60,000) and <c>--test</c> (10,000) digits made from the sample into <c>--out</c>.</summary>
    public static async Task<int> RunAsync(string sampleFolder, Arguments options, TextWriter output)
    {
        var folder = options.Text("out", ".work/scale-source");
        Directory.CreateDirectory(folder);
        foreach (var (split, count) in new[] { (DatasetSplit.Train, options.Int("train", 60_000)), (DatasetSplit.Test, options.Int("test", 10_000)) })
        {
            await using var images = File.OpenRead(Path.Combine(sampleFolder, MnistFiles.ImagesOf(split)));
            await using var labels = File.OpenRead(Path.Combine(sampleFolder, MnistFiles.LabelsOf(split)));
            var source = await IdxReader.ReadAsync(images, MnistFiles.ImagesOf(split), labels, MnistFiles.LabelsOf(split), CancellationToken.None);
            var set = ScaleFixture.Expand(source, count);
            var pixels = Enumerable.Range(0, set.Count).Select(i => set[i].Pixels.ToArray()).ToList();
            await File.WriteAllBytesAsync(Path.Combine(folder, MnistFiles.ImagesOf(split)), SampleDatasetBuilder.Gzip(SampleDatasetBuilder.ImagesIdx(pixels)));
            await File.WriteAllBytesAsync(Path.Combine(folder, MnistFiles.LabelsOf(split)), SampleDatasetBuilder.Gzip(SampleDatasetBuilder.LabelsIdx(set.Labels.ToArray())));
            output.WriteLine($"{split}: {count} digits");
        }

        output.WriteLine($"scale fixture written to {folder}");
        return 0;
    }
}
