namespace MnistEmr.Job.Shared.FormatA;

/// <summary>A <c>.png</c> and <c>.txt</c> with the same name in the same folder: one FORMAT A digit to validate.</summary>
/// <param name="Stem">The shared key without extension.</param>
internal sealed record DigitCandidate(string Stem)
{
    /// <summary>The image key.</summary>
    public string PngKey => Stem + FormatAKeys.PngExtension;

    /// <summary>The label key.</summary>
    public string TxtKey => Stem + FormatAKeys.TxtExtension;
}
