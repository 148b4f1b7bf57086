namespace MnistJob.Core;

/// <summary>The digits of one split as read from its IDX images and labels files.</summary>
public sealed class DigitSet
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

    /// <summary>The digits of <paramref name="range"/>, in order.</summary>
    public IEnumerable<Digit> In(ShardRange range)
    {
        for (var i = range.Start; i < range.End; i++)
        {
            yield return this[i];
        }
    }
}
