namespace MnistEmr.Job.Shared.Digits;

/// <summary>Checks one FORMAT A pair: the label is one digit, the PNG declares and decodes to 28x28.</summary>
internal static class DigitValidator
{
    /// <summary>Validates <paramref name="candidate"/>; returns the digit, or null and a rejection.</summary>
    public static LabeledDigit? Validate(DigitCandidate candidate, byte[] png, byte[] txt, out Rejection? rejection)
    {
        // An empty file names itself, the image first: a zero-byte upload, not a bad label or an unreadable PNG.
        if (png.Length == 0 || txt.Length == 0)
        {
            rejection = Empty(png.Length == 0 ? candidate.PngKey : candidate.TxtKey);
            return null;
        }

        var label = ParseLabel(txt);
        if (label is null)
        {
            rejection = new Rejection(candidate.TxtKey, RejectionReason.BadLabel, $"label is not one digit 0-9: {Describe(txt)}");
            return null;
        }

        if (DecodeDigit(candidate.PngKey, png, out rejection) is not { } image)
        {
            return null;
        }

        rejection = null;
        return new LabeledDigit(candidate.PngKey, label.Value, image.Pixels, png);
    }

    /// <summary>
    /// Decodes a digit's PNG, or returns null and a rejection keyed <paramref name="key"/>: the one acceptance rule of
    /// every reader of digits (train and evaluate through FORMAT A, the row protocol, <c>predict</c>, <c>score</c>), so
    /// one file is accepted or refused for the same reason everywhere. A digit is a 28x28 8-bit grayscale PNG (colour
    /// type 0, bit depth 8), which is what explode writes and what MNIST digits are: a colour, alpha, palette or other
    /// bit-depth image is <see cref="RejectionReason.NotGrayscale"/> rather than guessed into ink. The header is checked
    /// before anything is decoded, so a small file declaring 30000x30000 is a <see cref="RejectionReason.WrongSize"/>
    /// that costs no allocation.
    /// </summary>
    public static GrayImage? DecodeDigit(string key, byte[] png, out Rejection? rejection)
    {
        if (png.Length == 0)
        {
            rejection = Empty(key);
            return null;
        }

        if (PngHeader.TryRead(png, out var problem) is not { } header)
        {
            rejection = new Rejection(key, RejectionReason.UndecodablePng, $"not a readable PNG: {problem}");
            return null;
        }

        if (header.Width != MnistFiles.Side || header.Height != MnistFiles.Side)
        {
            rejection = new Rejection(key, RejectionReason.WrongSize, $"{header.Width}x{header.Height}, not 28x28");
            return null;
        }

        if (header.ColorType != 0 || header.BitDepth != 8)
        {
            rejection = new Rejection(key, RejectionReason.NotGrayscale, $"colour type {header.ColorType}, bit depth {header.BitDepth}, not 8-bit grayscale");
            return null;
        }

        var image = PngCodec.TryDecode(png, out problem);
        if (image is null)
        {
            rejection = new Rejection(key, RejectionReason.UndecodablePng, $"not a readable PNG: {problem}");
            return null;
        }

        rejection = null;
        return image;
    }

    /// <summary>The rejection of a file of zero bytes.</summary>
    public static Rejection Empty(string key) => new(key, RejectionReason.EmptyFile, "an empty file (0 bytes)");

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
