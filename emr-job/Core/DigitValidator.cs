namespace MnistJob.Core;

/// <summary>Checks one FORMAT A pair: the label is one digit, the PNG decodes and is 28x28.</summary>
public static class DigitValidator
{
    /// <summary>Validates <paramref name="candidate"/>; returns the digit, or null and a rejection.</summary>
    public static LabeledDigit? Validate(DigitCandidate candidate, byte[] png, byte[] txt, out Rejection? rejection)
    {
        var label = ParseLabel(txt);
        if (label is null)
        {
            rejection = new Rejection(candidate.TxtKey, RejectionReason.BadLabel, $"label is not one digit 0-9: {Describe(txt)}");
            return null;
        }

        var image = PngCodec.TryDecode(png, out var problem);
        if (image is null)
        {
            rejection = new Rejection(candidate.PngKey, RejectionReason.UndecodablePng, $"not a readable PNG: {problem}");
            return null;
        }

        if (image.Width != MnistFiles.Side || image.Height != MnistFiles.Side)
        {
            rejection = new Rejection(candidate.PngKey, RejectionReason.WrongSize, $"{image.Width}x{image.Height}, not 28x28");
            return null;
        }

        rejection = null;
        return new LabeledDigit(candidate.PngKey, label.Value, image.Pixels, png);
    }

    /// <summary>The label in <paramref name="txt"/>: one ASCII digit, optionally followed by one line ending.</summary>
    public static int? ParseLabel(ReadOnlySpan<byte> txt)
    {
        if (txt.EndsWith("\r\n"u8))
        {
            txt = txt[..^2];
        }
        else if (txt.EndsWith("\n"u8))
        {
            txt = txt[..^1];
        }

        return txt.Length == 1 && txt[0] is >= (byte)'0' and <= (byte)'9' ? txt[0] - '0' : null;
    }

    private static string Describe(byte[] txt)
    {
        if (txt.Length == 0)
        {
            return "empty";
        }

        var shown = System.Text.Encoding.UTF8.GetString(txt, 0, Math.Min(txt.Length, 16)).ReplaceLineEndings("\\n");
        return $"\"{shown}{(txt.Length > 16 ? "..." : string.Empty)}\" ({txt.Length} bytes)";
    }
}
