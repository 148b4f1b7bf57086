namespace MnistEmr.Job.Tests.Shared.Model;

/// <summary>
/// The v2 features as they were before their scoring path was optimized (a verbatim copy of DigitFeaturizer v2's
/// feature code, from the first version's deskewing): the optimized featurizer must give them bit for bit, so every
/// model trained on them predicts as before.
/// </summary>
public static class ReferenceFeaturizerV2
{
    private const int Side = MnistFiles.Side;
    private const int Cells = 7;
    private const int CellSide = Side / Cells;
    private const int Orientations = 8;
    private const int PooledPixels = (Side / 2) * (Side / 2);
    private const int Histograms = Cells * Cells * Orientations;
    private const int Blocks = (Cells - 1) * (Cells - 1) * Orientations;
    private const int Profiles = 2 * Side;

    /// <summary>Features per digit.</summary>
    public const int FeatureCount = PooledPixels + Histograms + Blocks + Profiles;

    /// <summary>The features of <paramref name="pixels"/> (784 bytes, row-major).</summary>
    public static float[] Extract(ReadOnlySpan<byte> pixels)
    {
        var features = new float[FeatureCount];
        var deskewed = ReferenceFeaturizerV1.Deskew(pixels);
        AddPooledPixels(deskewed, features.AsSpan(0, PooledPixels));
        var histograms = features.AsSpan(PooledPixels, Histograms);
        AddGradientHistograms(deskewed, histograms);
        AddBlocks(histograms, features.AsSpan(PooledPixels + Histograms, Blocks));
        AddProfiles(deskewed, features.AsSpan(PooledPixels + Histograms + Blocks, Profiles));
        return features;
    }

    private static void AddPooledPixels(ReadOnlySpan<byte> d, Span<float> features)
    {
        var n = 0;
        for (var y = 0; y < Side; y += 2)
        {
            for (var x = 0; x < Side; x += 2)
            {
                features[n++] = (d[(y * Side) + x] + d[(y * Side) + x + 1] + d[((y + 1) * Side) + x] + d[((y + 1) * Side) + x + 1]) / 1020f;
            }
        }
    }

    /// <summary>Central-difference gradients, each voting its magnitude into its cell's two nearest orientations.</summary>
    private static void AddGradientHistograms(ReadOnlySpan<byte> d, Span<float> histograms)
    {
        histograms.Clear();
        for (var y = 1; y < Side - 1; y++)
        {
            var cellRow = (y / CellSide) * Cells;
            for (var x = 1; x < Side - 1; x++)
            {
                int gx = d[(y * Side) + x + 1] - d[(y * Side) + x - 1];
                int gy = d[((y + 1) * Side) + x] - d[((y - 1) * Side) + x];
                if (gx == 0 && gy == 0)
                {
                    continue;
                }

                var magnitude = (float)(Math.Sqrt((gx * gx) + (gy * gy)) / 255);

                // Orientation k's centre is at k + 0.5 eighths of a turn: split the vote between the two nearest.
                var shifted = Orientation(gx, gy) - 0.5f;
                var low = (int)MathF.Floor(shifted);
                var share = shifted - low;
                var cell = (cellRow + (x / CellSide)) * Orientations;
                histograms[cell + (((low % Orientations) + Orientations) % Orientations)] += magnitude * (1 - share);
                histograms[cell + ((low + 1) % Orientations)] += magnitude * share;
            }
        }
    }

    /// <summary>
    /// The direction of (gx, gy) in eighths of a turn, 0 &lt;= p &lt; 8, counter-clockwise from +x (y down the image):
    /// the octant from the signs and the larger component, the position inside it linear in the smaller / larger
    /// ratio. A pseudo-angle: exact on the axes and diagonals and within 0.1 of a bin of Atan2 between them, at a
    /// fraction of Atan2's cost, which was a third of the featurizer's time.
    /// </summary>
    private static float Orientation(int gx, int gy)
    {
        float ax = Math.Abs(gx), ay = Math.Abs(gy);
        var p = (gx, gy) switch
        {
            ( > 0, >= 0) => ay <= ax ? ay / ax : 2 - (ax / ay),
            ( <= 0, > 0) => ax <= ay ? 2 + (ax / ay) : 4 - (ay / ax),
            ( < 0, <= 0) => ay <= ax ? 4 + (ay / ax) : 6 - (ax / ay),
            _ => ax <= ay ? 6 + (ax / ay) : 8 - (ay / ax),
        };
        return p >= 8 ? p - 8 : p;
    }

    /// <summary>Each 2x2 block of neighbouring cells: its orientation sums divided by the block's total.</summary>
    private static void AddBlocks(ReadOnlySpan<float> histograms, Span<float> blocks)
    {
        var n = 0;
        for (var by = 0; by < Cells - 1; by++)
        {
            for (var bx = 0; bx < Cells - 1; bx++)
            {
                float total = 0;
                var start = n;
                for (var b = 0; b < Orientations; b++)
                {
                    var sum = histograms[(((by * Cells) + bx) * Orientations) + b] + histograms[(((by * Cells) + bx + 1) * Orientations) + b]
                        + histograms[((((by + 1) * Cells) + bx) * Orientations) + b] + histograms[((((by + 1) * Cells) + bx + 1) * Orientations) + b];
                    blocks[n++] = sum;
                    total += sum;
                }

                for (var b = 0; b < Orientations && total > 0; b++)
                {
                    blocks[start + b] /= total;
                }
            }
        }
    }

    /// <summary>The row sums, then the column sums, each scaled to 0..1.</summary>
    private static void AddProfiles(ReadOnlySpan<byte> d, Span<float> profiles)
    {
        for (var y = 0; y < Side; y++)
        {
            var sum = 0;
            for (var x = 0; x < Side; x++)
            {
                sum += d[(y * Side) + x];
            }

            profiles[y] = sum / (255f * Side);
        }

        for (var x = 0; x < Side; x++)
        {
            var sum = 0;
            for (var y = 0; y < Side; y++)
            {
                sum += d[(y * Side) + x];
            }

            profiles[Side + x] = sum / (255f * Side);
        }
    }
}
