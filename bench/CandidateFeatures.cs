namespace MnistEmr.Bench;

/// <summary>
/// Feature candidates compared by cross-validation before one replaces the job's: each starts from the job's
/// deskewed digit and adds or swaps parts.
/// </summary>
internal static class CandidateFeatures
{
    private const int Side = MnistFiles.Side;

    private const int PooledPixels = 196, Histograms = 392, Blocks = 288, ProfileCount = 2 * Side;

    /// <summary>Deskewed pixels, pooled 2x2 (196, the job's own pooling) when <paramref name="pooled"/>, else all 784.</summary>
    public static int Pixels(ReadOnlySpan<byte> deskewed, Span<float> features, bool pooled)
    {
        if (pooled)
        {
            DigitFeaturizer.AddPooledPixels(deskewed, features[..PooledPixels]);
            return PooledPixels;
        }

        for (var i = 0; i < deskewed.Length; i++)
        {
            features[i] = deskewed[i] / 255f;
        }

        return deskewed.Length;
    }

    /// <summary>
    /// Gradient-orientation histograms over a 7x7 grid of 4x4 cells, 8 orientations by <see cref="Math.Atan2"/>, each
    /// vote split between the two nearest orientations when <paramref name="soft"/> (else all to one); then, when
    /// <paramref name="blocks"/>, the job's 6x6 normalized blocks of them. Returns how many features it wrote. The
    /// gradients are the job's (<see cref="DigitFeaturizer.TryGradient"/>); the orientations are the candidates' own:
    /// the job later swapped Atan2 for a cheaper pseudo-angle.
    /// </summary>
    public static int Gradients(ReadOnlySpan<byte> d, Span<float> features, bool soft, bool blocks)
    {
        const int cells = 7, cellSide = 4, bins = 8;
        var hist = features[..Histograms];
        hist.Clear();
        for (var y = 1; y < Side - 1; y++)
        {
            for (var x = 1; x < Side - 1; x++)
            {
                if (!DigitFeaturizer.TryGradient(d, x, y, out var gx, out var gy, out var magnitude))
                {
                    continue;
                }

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

        if (!blocks)
        {
            return Histograms;
        }

        DigitFeaturizer.AddBlocks(hist, features.Slice(Histograms, Blocks));
        return Histograms + Blocks;
    }

    /// <summary>Row and column sums of the deskewed digit (56), scaled to 0..1: the job's own.</summary>
    public static int Profiles(ReadOnlySpan<byte> d, Span<float> features)
    {
        DigitFeaturizer.AddProfiles(d, features[..ProfileCount]);
        return ProfileCount;
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

        var count = (pooled ? PooledPixels : MnistFiles.PixelCount) + Histograms + (blocks ? Blocks : 0) + (profiles ? ProfileCount : 0);
        return new FeatureSet(name, count, Extract);
    }
}
