namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// The validated training digits of a sweep in one object: what the sweep's data task reads once from FORMAT A and
/// every candidate task then fetches with a single GET instead of the tree's tens of thousands. Gzip of: the magic
/// <c>MNISTPACK1</c>, the digit count, then per digit its key (length-prefixed UTF-8), label and 784 pixels, in the
/// order given (the scan's, sorted by key), so every candidate fits the same rows in the same order.
/// </summary>
internal static class TrainingPack
{
    private const string Magic = "MNISTPACK1";

    /// <summary>Writes <paramref name="digits"/> (their keys, labels and pixels; the PNGs stay out).</summary>
    public static byte[] Write(IReadOnlyList<LabeledDigit> digits)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(digits.Count);
            foreach (var digit in digits)
            {
                writer.Write(digit.Key);
                writer.Write((byte)digit.Label);
                writer.Write(digit.Pixels);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a pack written by <see cref="Write"/>; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when the bytes are not a whole pack.</exception>
    public static IReadOnlyList<LabeledDigit> Read(byte[] pack, string origin)
    {
        try
        {
            using var reader = new BinaryReader(new GZipStream(new MemoryStream(pack), CompressionMode.Decompress), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw ToolException.Integrity($"{origin} is not a training pack");
            }

            var count = reader.ReadInt32();
            if (count < 0)
            {
                throw ToolException.Integrity($"{origin} claims {count} digits");
            }

            var digits = new List<LabeledDigit>(Math.Min(count, 1_000_000));
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var label = reader.ReadByte();
                var pixels = reader.ReadBytes(MnistFiles.PixelCount);
                if (pixels.Length != MnistFiles.PixelCount || label > 9)
                {
                    throw ToolException.Integrity($"{origin} is cut short or damaged at digit {i} of {count}");
                }

                digits.Add(new LabeledDigit(key, label, pixels, []));
            }

            return reader.PeekChar() == -1 ? digits : throw ToolException.Integrity($"{origin} holds more than its {count} digits");
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            throw ToolException.Integrity($"{origin} is cut short or not gzip: {ex.Message}");
        }
    }
}
