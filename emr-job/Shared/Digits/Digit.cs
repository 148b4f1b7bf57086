namespace MnistEmr.Job.Shared.Digits;

/// <summary>One digit of an IDX split: its position in the split, its label and its 28x28 pixels (row-major).</summary>
/// <param name="Index">The zero-based position in the split.</param>
/// <param name="Label">The label, 0 to 9.</param>
/// <param name="Pixels">784 grayscale bytes, 0 = background.</param>
internal sealed record Digit(int Index, int Label, ReadOnlyMemory<byte> Pixels);
