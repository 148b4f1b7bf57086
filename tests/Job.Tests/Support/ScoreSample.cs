using StbImageWriteSharp;

namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A scoring input as a user might drop it: real test digits in nested folders, and every kind of file scoring must
/// reject (27x28, RGB, not a PNG) or not see at all (a hidden name, a non-.png file).
/// </summary>
internal static class ScoreSample
{
    /// <summary>The keys that must be rejected, with their reasons.</summary>
    public static readonly IReadOnlyDictionary<string, RejectionReason> Rejected = new Dictionary<string, RejectionReason>
    {
        ["bad/narrow.png"] = RejectionReason.WrongSize,
        ["bad/colour.png"] = RejectionReason.NotGrayscale,
        ["bad/corrupt.png"] = RejectionReason.UndecodablePng,
    };

    /// <summary>
    /// Writes <paramref name="digits"/> (PNG bytes) as <c>good/&lt;n % 3&gt;/digit-&lt;n&gt;.png</c>, the rejected files,
    /// and two files that are not inputs; returns the good keys.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IObjectStore store, IReadOnlyList<byte[]> digits)
    {
        var good = new List<string>();
        for (var i = 0; i < digits.Count; i++)
        {
            var key = $"good/{i % 3}/digit-{i:D3}.png";
            await store.PutAsync(key, digits[i], CancellationToken.None);
            good.Add(key);
        }

        await store.PutAsync("bad/narrow.png", PngCodec.EncodeGray(new byte[27 * 28], 27, 28), CancellationToken.None);
        await store.PutAsync("bad/colour.png", Rgb(28, 28), CancellationToken.None);
        await store.PutAsync("bad/corrupt.png", "this is not a PNG"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("bad/notes.txt", "not a .png: not an input"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("_hidden/digit.png", digits[0], CancellationToken.None);
        return good;
    }

    /// <summary>The PNGs of the first <paramref name="count"/> test digits of a FORMAT A folder, in key order.</summary>
    public static IReadOnlyList<byte[]> TestDigits(string formatAFolder, int count) =>
        Directory.GetFiles(Path.Combine(formatAFolder, "test"), "*.png", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Take(count)
            .Select(File.ReadAllBytes)
            .ToList();

    /// <summary>A readable 8-bit RGB PNG (colour type 2) of the given size.</summary>
    public static byte[] Rgb(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 7)
        {
            pixels[i] = 200;
        }

        using var output = new MemoryStream();
        new ImageWriter().WritePng(pixels, width, height, ColorComponents.RedGreenBlue, output);
        return output.ToArray();
    }
}
