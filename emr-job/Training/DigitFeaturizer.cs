using MnistJob.Core;

namespace MnistJob.Training;

/// <summary>
/// Turns 28x28 pixels into the model's features: the digit deskewed (sheared so its principal axis is vertical and
/// moved to the centre of mass), its pixels scaled to 0..1, plus gradient-orientation histograms (8 directions over
/// a 7x7 grid of 4x4 cells). On the 8,000/2,000 real-digit sample, raw pixels reach about 96% with LightGBM; these
/// features about 98%.
/// </summary>
/// <remarks>
/// The arithmetic is the first version's, operation for operation, so the features are the same bit for bit (a test
/// compares them with a copy of that version); the speed comes from skipping work whose result is known exactly:
/// zero pixels add nothing to the moments, a source 2x2 block of zeros interpolates to 0, and a gradient strictly
/// inside an octant has its bin decided by comparing gx and gy rather than by Atan2.
/// </remarks>
public static class DigitFeaturizer
{
    /// <summary>The name and version recorded in the model card; a change of features must change it.</summary>
    public const string Name = "deskewed-pixels+gradient-histograms-7x7x8/v1";

    private const int Side = MnistFiles.Side;
    private const int Cells = 7;
    private const int CellSide = Side / Cells;
    private const int Orientations = 8;

    // The source image with a one-pixel border of zeros, so the bilinear taps need no bounds checks.
    private const int Padded = Side + 2;

    /// <summary>Features per digit.</summary>
    public const int FeatureCount = MnistFiles.PixelCount + (Cells * Cells * Orientations);

    /// <summary>The features of <paramref name="pixels"/> (784 bytes, row-major).</summary>
    public static float[] Extract(ReadOnlySpan<byte> pixels)
    {
        var features = new float[FeatureCount];
        Extract(pixels, features);
        return features;
    }

    /// <summary>Writes the features of <paramref name="pixels"/> into <paramref name="features"/> (<see cref="FeatureCount"/> long), allocating nothing.</summary>
    public static void Extract(ReadOnlySpan<byte> pixels, Span<float> features)
    {
        if (features.Length < FeatureCount)
        {
            throw new ArgumentException($"needs room for {FeatureCount} features, not {features.Length}", nameof(features));
        }

        Span<byte> deskewed = stackalloc byte[MnistFiles.PixelCount];
        Deskew(pixels, deskewed);
        for (var i = 0; i < deskewed.Length; i++)
        {
            features[i] = deskewed[i] / 255f;
        }

        var histograms = features.Slice(MnistFiles.PixelCount, FeatureCount - MnistFiles.PixelCount);
        histograms.Clear();
        AddGradientHistograms(deskewed, histograms);
    }

    /// <summary>Shears the digit upright about its centre of mass and moves that centre to the image centre.</summary>
    public static byte[] Deskew(ReadOnlySpan<byte> pixels)
    {
        var output = new byte[MnistFiles.PixelCount];
        Deskew(pixels, output);
        return output;
    }

    private static void Deskew(ReadOnlySpan<byte> pixels, Span<byte> output)
    {
        if (pixels.Length != MnistFiles.PixelCount)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make a 28x28 digit", nameof(pixels));
        }

        double mass = 0, sumX = 0, sumY = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                double v = pixels[(y * Side) + x];
                if (v != 0)
                {
                    mass += v;
                    sumX += x * v;
                    sumY += y * v;
                }
            }
        }

        if (mass == 0)
        {
            pixels.CopyTo(output);
            return;
        }

        double meanX = sumX / mass, meanY = sumY / mass, mu11 = 0, mu02 = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                double v = pixels[(y * Side) + x];
                if (v != 0)
                {
                    mu11 += (x - meanX) * (y - meanY) * v;
                    mu02 += (y - meanY) * (y - meanY) * v;
                }
            }
        }

        Span<byte> padded = stackalloc byte[Padded * Padded];
        padded.Clear();
        for (var y = 0; y < Side; y++)
        {
            pixels.Slice(y * Side, Side).CopyTo(padded.Slice(((y + 1) * Padded) + 1, Side));
        }

        var shear = mu02 == 0 ? 0 : mu11 / mu02;
        const double centre = (Side - 1) / 2.0;
        for (var y = 0; y < Side; y++)
        {
            var sourceY = y + meanY - centre;
            var y0 = (int)Math.Floor(sourceY);
            double fy = sourceY - y0;
            for (var x = 0; x < Side; x++)
            {
                var sourceX = x + (shear * (y - centre)) + meanX - centre;
                var x0 = (int)Math.Floor(sourceX);

                // Taps at x0..x0+1, y0..y0+1: outside -1..27 every tap is a zero pixel and the value is exactly 0.
                if (x0 < -1 || x0 >= Side || y0 < -1 || y0 >= Side)
                {
                    output[(y * Side) + x] = 0;
                    continue;
                }

                var at = ((y0 + 1) * Padded) + x0 + 1;
                double p00 = padded[at], p10 = padded[at + 1], p01 = padded[at + Padded], p11 = padded[at + Padded + 1];
                if (p00 == 0 && p10 == 0 && p01 == 0 && p11 == 0)
                {
                    output[(y * Side) + x] = 0;
                    continue;
                }

                double fx = sourceX - x0;
                var value = (p00 * (1 - fx) * (1 - fy)) + (p10 * fx * (1 - fy)) + (p01 * (1 - fx) * fy) + (p11 * fx * fy);
                output[(y * Side) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }
    }

    private static void AddGradientHistograms(ReadOnlySpan<byte> pixels, Span<float> histograms)
    {
        for (var y = 1; y < Side - 1; y++)
        {
            var cellRow = (y / CellSide) * Cells;
            for (var x = 1; x < Side - 1; x++)
            {
                int gx = pixels[(y * Side) + x + 1] - pixels[(y * Side) + x - 1];
                int gy = pixels[((y + 1) * Side) + x] - pixels[((y - 1) * Side) + x];
                if (gx == 0 && gy == 0)
                {
                    continue;
                }

                var magnitude = Math.Sqrt((double)((gx * gx) + (gy * gy)));
                histograms[((cellRow + (x / CellSide)) * Orientations) + Bin(gx, gy)] += (float)(magnitude / 255);
            }
        }
    }

    /// <summary>
    /// The octant of the gradient's direction, 0 at +x counter-clockwise (y down the image). Strictly inside an
    /// octant the signs and the larger of |gx|, |gy| decide it; on an octant's edge (an axis or a diagonal) the first
    /// version's Atan2 rounding decides, so the result is the same bin for every input.
    /// </summary>
    private static int Bin(int gx, int gy)
    {
        int ax = Math.Abs(gx), ay = Math.Abs(gy);
        if (gx == 0 || gy == 0 || ax == ay)
        {
            var angle = Math.Atan2(gy, gx);
            if (angle < 0)
            {
                angle += 2 * Math.PI;
            }

            return (int)(angle / (2 * Math.PI) * Orientations) % Orientations;
        }

        return (gx > 0, gy > 0) switch
        {
            (true, true) => ay < ax ? 0 : 1,
            (false, true) => ay > ax ? 2 : 3,
            (false, false) => ay < ax ? 4 : 5,
            (true, false) => ay > ax ? 6 : 7,
        };
    }
}
