namespace MnistEmr.Job.Tests.Shared.Model;

/// <summary>
/// The first featurizer as it was before it was optimized (a verbatim copy of DigitFeaturizer v1): the optimized
/// deskewing, which the current features still start from, must give its output bit for bit.
/// </summary>
public static class ReferenceFeaturizerV1
{
    /// <summary>The name and version recorded in the model card; a change of features must change it.</summary>
    public const string Name = "deskewed-pixels+gradient-histograms-7x7x8/v1";

    private const int Side = MnistFiles.Side;
    private const int Cells = 7;
    private const int CellSide = Side / Cells;
    private const int Orientations = 8;

    /// <summary>Features per digit.</summary>
    public const int FeatureCount = MnistFiles.PixelCount + (Cells * Cells * Orientations);

    /// <summary>The features of <paramref name="pixels"/> (784 bytes, row-major).</summary>
    public static float[] Extract(ReadOnlySpan<byte> pixels)
    {
        var deskewed = Deskew(pixels);
        var features = new float[FeatureCount];
        for (var i = 0; i < deskewed.Length; i++)
        {
            features[i] = deskewed[i] / 255f;
        }

        AddGradientHistograms(deskewed, features.AsSpan(MnistFiles.PixelCount));
        return features;
    }

    /// <summary>Shears the digit upright about its centre of mass and moves that centre to the image centre.</summary>
    public static byte[] Deskew(ReadOnlySpan<byte> pixels)
    {
        double mass = 0, sumX = 0, sumY = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                double v = pixels[(y * Side) + x];
                mass += v;
                sumX += x * v;
                sumY += y * v;
            }
        }

        if (mass == 0)
        {
            return pixels.ToArray();
        }

        double meanX = sumX / mass, meanY = sumY / mass, mu11 = 0, mu02 = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                double v = pixels[(y * Side) + x];
                mu11 += (x - meanX) * (y - meanY) * v;
                mu02 += (y - meanY) * (y - meanY) * v;
            }
        }

        var shear = mu02 == 0 ? 0 : mu11 / mu02;
        const double centre = (Side - 1) / 2.0;
        var output = new byte[MnistFiles.PixelCount];
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var sourceX = x + (shear * (y - centre)) + meanX - centre;
                var sourceY = y + meanY - centre;
                output[(y * Side) + x] = (byte)Math.Clamp(Math.Round(Bilinear(pixels, sourceX, sourceY)), 0, 255);
            }
        }

        return output;
    }

    private static double Bilinear(ReadOnlySpan<byte> pixels, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        double fx = x - x0, fy = y - y0;
        return (At(pixels, x0, y0) * (1 - fx) * (1 - fy)) + (At(pixels, x0 + 1, y0) * fx * (1 - fy))
            + (At(pixels, x0, y0 + 1) * (1 - fx) * fy) + (At(pixels, x0 + 1, y0 + 1) * fx * fy);
    }

    private static double At(ReadOnlySpan<byte> pixels, int x, int y) =>
        x < 0 || y < 0 || x >= Side || y >= Side ? 0 : pixels[(y * Side) + x];

    private static void AddGradientHistograms(byte[] pixels, Span<float> histograms)
    {
        for (var y = 1; y < Side - 1; y++)
        {
            for (var x = 1; x < Side - 1; x++)
            {
                double gx = pixels[(y * Side) + x + 1] - pixels[(y * Side) + x - 1];
                double gy = pixels[((y + 1) * Side) + x] - pixels[((y - 1) * Side) + x];
                var magnitude = Math.Sqrt((gx * gx) + (gy * gy));
                if (magnitude == 0)
                {
                    continue;
                }

                var angle = Math.Atan2(gy, gx);
                if (angle < 0)
                {
                    angle += 2 * Math.PI;
                }

                var bin = (int)(angle / (2 * Math.PI) * Orientations) % Orientations;
                histograms[((((y / CellSide) * Cells) + (x / CellSide)) * Orientations) + bin] += (float)(magnitude / 255);
            }
        }
    }
}
