namespace MnistEmr.Job.Shared.Digits;

/// <summary>A decoded grayscale image.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Pixels">Row-major bytes, one per pixel.</param>
internal sealed record GrayImage(int Width, int Height, byte[] Pixels);
