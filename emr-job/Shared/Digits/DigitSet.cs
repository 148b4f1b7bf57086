namespace MnistEmr.Job.Shared.Digits;

/// <summary>The digits of one split as read from its IDX images and labels files.</summary>
internal sealed class DigitSet
{
    private readonly byte[] pixels;
    private readonly byte[] labels;

    /// <summary>Wraps <paramref name="pixels"/> (count x 784 bytes) and <paramref name="labels"/> (count bytes, 0-9).</summary>
    public DigitSet(byte[] pixels, byte[] labels)
    {
        if (pixels.Length != labels.Length * MnistFiles.PixelCount)
        {
            throw new ArgumentException($"{pixels.Length} pixel bytes do not hold {labels.Length} digits", nameof(pixels));
        }

        this.pixels = pixels;
        this.labels = labels;
    }

    /// <summary>All pixels, digit after digit.</summary>
    public ReadOnlyMemory<byte> Pixels => pixels;

    /// <summary>All labels, in digit order.</summary>
    public ReadOnlyMemory<byte> Labels => labels;

    /// <summary>The number of digits.</summary>
    public int Count => labels.Length;

    /// <summary>The digit at <paramref name="index"/>.</summary>
    public Digit this[int index] =>
        new(index, labels[index], pixels.AsMemory(index * MnistFiles.PixelCount, MnistFiles.PixelCount));

    /// <summary>
    /// Every digit as a <see cref="LabeledDigit"/> keyed <paramref name="keyPrefix"/> and its index, with no PNG: what
    /// the trainer takes, for the tools and tests that train on a split read straight from its IDX files.
    /// </summary>
    public IReadOnlyList<LabeledDigit> Labeled(string keyPrefix) =>
        Enumerable.Range(0, Count).Select(i => new LabeledDigit($"{keyPrefix}{i}", labels[i], this[i].Pixels.ToArray(), [])).ToList();

    /// <summary>The digits of <paramref name="range"/>, in order.</summary>
    public IEnumerable<Digit> In(ShardRange range)
    {
        for (var i = range.Start; i < range.End; i++)
        {
            yield return this[i];
        }
    }
}
