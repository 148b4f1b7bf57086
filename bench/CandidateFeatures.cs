namespace MnistEmr.Bench;

/// <summary>
/// Feature candidates compared by cross-validation before one replaces the job's: each starts from the job's
/// deskewed digit and adds or swaps parts.
/// </summary>
internal static class CandidateFeatures
{
    private const int Side = MnistFiles.Side;

    /// <summary>Deskewed pixels, pooled 2x2 (196) when <paramref name="pooled"/>, else all 784.</summary>
    public static int Pixels(ReadOnlySpan<byte> deskewed, Span<float> features, bool pooled)
    {
        if (!pooled)
        {
            for (var i = 0; i < deskewed.Length; i++)
            {
                features[i] = deskewed[i] / 255f;
            }

            return deskewed.Length;
        }

        var n = 0;
        for (var y = 0; y < Side; y += 2)
        {
            for (var x = 0; x < Side; x += 2)
            {
                features[n++] = (deskewed[(y * Side) + x] + deskewed[(y * Side) + x + 1] + deskewed[((y + 1) * Side) + x] + deskewed[((y + 1) * Side) + x + 1]) / 1020f;
            }
        }

        return n;
    }

    /// <summary>
    /// Gradient-orientation histograms over a 7x7 grid of 4x4 cells, 8 orientations, each vote split between the two
    /// nearest orientations by angle (soft binning); then the sums over 2x2 neighbouring cells (6x6 overlapping
    /// blocks), each block also normalized by its total; returns how many features it wrote.
    /// </summary>
    public static int Gradients(ReadOnlySpan<byte> d, Span<float> features, bool soft, bool blocks)
    {
        const int cells = 7, cellSide = 4, bins = 8;
        Span<float> hist = stackalloc float[cells * cells * bins];
        hist.Clear();
        for (var y = 1; y < Side - 1; y++)
        {
            for (var x = 1; x < Side - 1; x++)
            {
                int gx = d[(y * Side) + x + 1] - d[(y * Side) + x - 1];
                int gy = d[((y + 1) * Side) + x] - d[((y - 1) * Side) + x];
                if (gx == 0 && gy == 0)
                {
                    continue;
                }

                var magnitude = (float)(Math.Sqrt((gx * gx) + (gy * gy)) / 255);
                var angle = Math.Atan2(gy, gx);
                if (angle < 0)
                {
                    angle += 2 * Math.PI;
                }

                var cell = (((y / cellSide) * cells) + (x / cellSide)) * bins;
                var position = angle / (2 * Math.PI) * bins;
                if (!soft)
                {
                    hist[cell + ((int)position % bins)] += magnitude;
                    continue;
                }

                // Bin centres at k + 0.5: split the vote between the two nearest centres.
                var shifted = position - 0.5;
                var low = (int)Math.Floor(shifted);
                var share = (float)(shifted - low);
                hist[cell + (((low % bins) + bins) % bins)] += magnitude * (1 - share);
                hist[cell + ((low + 1) % bins)] += magnitude * share;
            }
        }

        hist.CopyTo(features);
        var n = hist.Length;
        if (!blocks)
        {
            return n;
        }

        for (var by = 0; by < cells - 1; by++)
        {
            for (var bx = 0; bx < cells - 1; bx++)
            {
                float total = 0;
                var start = n;
                for (var b = 0; b < bins; b++)
                {
                    var sum = hist[(((by * cells) + bx) * bins) + b] + hist[(((by * cells) + bx + 1) * bins) + b]
                        + hist[((((by + 1) * cells) + bx) * bins) + b] + hist[((((by + 1) * cells) + bx + 1) * bins) + b];
                    features[n++] = sum;
                    total += sum;
                }

                for (var b = 0; b < bins && total > 0; b++)
                {
                    features[start + b] /= total;
                }
            }
        }

        return n;
    }

    /// <summary>Row and column sums of the deskewed digit (56), scaled to 0..1.</summary>
    public static int Profiles(ReadOnlySpan<byte> d, Span<float> features)
    {
        for (var y = 0; y < Side; y++)
        {
            var sum = 0;
            for (var x = 0; x < Side; x++)
            {
                sum += d[(y * Side) + x];
            }

            features[y] = sum / (255f * Side);
        }

        for (var x = 0; x < Side; x++)
        {
            var sum = 0;
            for (var y = 0; y < Side; y++)
            {
                sum += d[(y * Side) + x];
            }

            features[Side + x] = sum / (255f * Side);
        }

        return 2 * Side;
    }

    /// <summary>A candidate: which parts, in order; returns the set and its size (measured on a blank digit).</summary>
    public static FeatureSet Make(string name, bool pooled, bool soft, bool blocks, bool profiles)
    {
        void Extract(ReadOnlySpan<byte> pixels, Span<float> features)
        {
            var deskewed = DigitFeaturizer.Deskew(pixels);
            var n = Pixels(deskewed, features, pooled);
            n += Gradients(deskewed, features[n..], soft, blocks);
            if (profiles)
            {
                Profiles(deskewed, features[n..]);
            }
        }

        var count = (pooled ? 196 : 784) + 392 + (blocks ? 288 : 0) + (profiles ? 56 : 0);
        return new FeatureSet(name, count, Extract);
    }
}
