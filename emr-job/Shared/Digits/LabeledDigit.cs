namespace MnistEmr.Job.Shared.Digits;

/// <summary>A validated FORMAT A digit.</summary>
/// <param name="Key">The image key.</param>
/// <param name="Label">The label, 0 to 9.</param>
/// <param name="Pixels">784 grayscale bytes, row-major.</param>
/// <param name="Png">The image as stored, kept for the report's gallery of mistakes.</param>
internal sealed record LabeledDigit(string Key, int Label, byte[] Pixels, byte[] Png);
