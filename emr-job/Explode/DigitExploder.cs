namespace MnistEmr.Job.Explode;

/// <summary>The explode stage as a pure function: one IDX digit in, its two FORMAT A objects out.</summary>
internal sealed class DigitExploder(FormatALayout layout)
{
    private static readonly byte[][] LabelTexts = Enumerable.Range(0, 10).Select(d => new[] { (byte)('0' + d) }).ToArray();

    /// <summary>Encodes <paramref name="digit"/> of <paramref name="split"/> as PNG plus label text.</summary>
    public ExplodedDigit Explode(Digit digit, DatasetSplit split)
    {
        var stem = layout.StemFor(split, digit.Index);
        var png = PngCodec.EncodeGray(digit.Pixels.Span, MnistFiles.Side, MnistFiles.Side);
        return new ExplodedDigit(stem + FormatAKeys.PngExtension, png, stem + FormatAKeys.TxtExtension, LabelTexts[digit.Label], digit.Label);
    }
}
