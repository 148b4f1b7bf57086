namespace MnistEmr.Bench;

/// <summary>The sample's digits (train split first, then test), read from a folder of the four IDX .gz files.</summary>
/// <param name="Pixels">784 bytes per digit.</param>
/// <param name="Labels">The digit of each.</param>
/// <param name="TrainCount">How many of them are the train split; the rest are the test split.</param>
internal sealed record SampleDigits(IReadOnlyList<byte[]> Pixels, IReadOnlyList<int> Labels, int TrainCount)
{
    /// <summary>Reads both splits from <paramref name="folder"/> (what <c>mnist-emr-bench prepare-sample</c> writes).</summary>
    public static async Task<SampleDigits> ReadAsync(string folder)
    {
        var train = await ReadSplitAsync(folder, DatasetSplit.Train);
        var test = await ReadSplitAsync(folder, DatasetSplit.Test);
        var pixels = new List<byte[]>();
        var labels = new List<int>();
        foreach (var set in new[] { train, test })
        {
            for (var i = 0; i < set.Count; i++)
            {
                pixels.Add(set[i].Pixels.ToArray());
                labels.Add(set[i].Label);
            }
        }

        return new SampleDigits(pixels, labels, train.Count);
    }

    /// <summary>The digits of the train split.</summary>
    public IEnumerable<int> TrainIndexes => Enumerable.Range(0, TrainCount);

    /// <summary>The digits of the test split.</summary>
    public IEnumerable<int> TestIndexes => Enumerable.Range(TrainCount, Pixels.Count - TrainCount);

    private static async Task<DigitSet> ReadSplitAsync(string folder, DatasetSplit split)
    {
        await using var images = File.OpenRead(Path.Combine(folder, MnistFiles.ImagesOf(split)));
        await using var labels = File.OpenRead(Path.Combine(folder, MnistFiles.LabelsOf(split)));
        return await IdxReader.ReadAsync(images, MnistFiles.ImagesOf(split), labels, MnistFiles.LabelsOf(split), CancellationToken.None);
    }
}
