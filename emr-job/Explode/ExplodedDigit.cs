namespace MnistEmr.Job.Explode;

/// <summary>The two FORMAT A objects of one digit: the PNG and the label text, under the same random name.</summary>
/// <param name="PngKey">Key of the image, relative to the FORMAT A root.</param>
/// <param name="Png">The 8-bit grayscale PNG.</param>
/// <param name="TxtKey">Key of the label file.</param>
/// <param name="Txt">The label as one ASCII digit.</param>
/// <param name="Label">The label.</param>
internal sealed record ExplodedDigit(string PngKey, byte[] Png, string TxtKey, byte[] Txt, int Label);
