namespace MnistEmr.Job.Shared.Sample;

/// <summary>
/// A larger set of digits made from a smaller one, for measuring time and memory at full MNIST scale (60,000
/// training digits) where only the 10,000-digit sample exists: copy k of each digit is the digit moved by the k-th
/// of a few one- and two-pixel shifts, so the copies are distinct images of the same labels. Not for judging
/// accuracy: the copies are near-duplicates.
/// </summary>
internal static class ScaleFixture
{
    // The original first, then shifts ordered by size: a fixture up to 13x the source has no repeated image.
    private static readonly (int Dx, int Dy)[] Shifts =
        [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1), (2, 0), (-2, 0), (0, 2), (0, -2)];

    /// <summary><paramref name="count"/> digits from <paramref name="source"/>: digit j is source digit j mod n, shifted by its copy's offset.</summary>
    public static DigitSet Expand(DigitSet source, int count)
    {
        if (source.Count == 0 || count < 0)
        {
            throw new ArgumentException($"cannot make {count} digits from {source.Count}");
        }

        var pixels = new byte[(long)count * MnistFiles.PixelCount];
        var labels = new byte[count];
        for (var j = 0; j < count; j++)
        {
            var digit = source[j % source.Count];
            var (dx, dy) = Shifts[(j / source.Count) % Shifts.Length];
            Shift(digit.Pixels.Span, dx, dy, pixels.AsSpan(j * MnistFiles.PixelCount, MnistFiles.PixelCount));
            labels[j] = (byte)digit.Label;
        }

        return new DigitSet(pixels, labels);
    }

    /// <summary>Writes <paramref name="pixels"/> moved by (<paramref name="dx"/>, <paramref name="dy"/>) into <paramref name="output"/>, filling with 0.</summary>
    public static void Shift(ReadOnlySpan<byte> pixels, int dx, int dy, Span<byte> output)
    {
        const int side = MnistFiles.Side;
        output.Clear();
        for (var y = Math.Max(0, dy); y < Math.Min(side, side + dy); y++)
        {
            var fromX = Math.Max(0, -dx);
            var length = side - Math.Abs(dx);
            pixels.Slice(((y - dy) * side) + fromX, length).CopyTo(output.Slice((y * side) + fromX + dx, length));
        }
    }
}
