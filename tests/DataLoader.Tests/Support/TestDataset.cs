using System.Security.Cryptography;
using System.Text.Json;

namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>
/// A tiny two-file (or four-file) dataset: file bytes plus a definition whose sizes and SHA-256s are computed here.
/// </summary>
public sealed class TestDataset
{
    public const string TrainImages = "train-images-idx3-ubyte.gz";
    public const string TrainLabels = "train-labels-idx1-ubyte.gz";
    public const string TestImages = "t10k-images-idx3-ubyte.gz";
    public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    private readonly List<(DatasetFile File, byte[] Bytes)> files = [];

    public IReadOnlyDictionary<string, byte[]> Files => files.ToDictionary(f => f.File.Name, f => f.Bytes);

    public IReadOnlyList<string> Mirrors { get; set; } = ["http://127.0.0.1:9/unused/"];

    /// <summary>Two images of 3x3 and two labels, twice (train and t10k), like MNIST's four files.</summary>
    public static TestDataset Mnistlike() => new TestDataset()
        .AddImages(TrainImages, Idx.GzipImages(2), count: 2, labels: TrainLabels)
        .AddLabels(TrainLabels, Idx.GzipLabels(2), count: 2)
        .AddImages(TestImages, Idx.GzipImages(3), count: 3, labels: TestLabels)
        .AddLabels(TestLabels, Idx.GzipLabels(3), count: 3);

    public TestDataset AddImages(string name, byte[] bytes, int? count, string? labels = null, int rows = 3, int cols = 3, string? sha256 = null)
    {
        files.Add((new DatasetFile
        {
            Name = name, Bytes = bytes.Length, Sha256 = sha256 ?? Sha256Of(bytes), Kind = IdxKind.Images,
            Count = count, Rows = rows, Cols = cols, Labels = labels,
        }, bytes));
        return this;
    }

    public TestDataset AddLabels(string name, byte[] bytes, int? count, string? sha256 = null)
    {
        files.Add((new DatasetFile
        {
            Name = name, Bytes = bytes.Length, Sha256 = sha256 ?? Sha256Of(bytes), Kind = IdxKind.Labels, Count = count,
        }, bytes));
        return this;
    }

    /// <summary>Serves other bytes under the definition's name, keeping the definition (size, checksum) as it was.</summary>
    public TestDataset WithServedBytes(string name, byte[] bytes)
    {
        var index = files.FindIndex(f => f.File.Name == name);
        files[index] = (files[index].File, bytes);
        return this;
    }

    public DatasetDefinition Definition => new()
    {
        Name = "tiny-mnist",
        Mirrors = Mirrors,
        Files = files.Select(f => f.File).ToList(),
    };

    public string DefinitionJson() => JsonSerializer.Serialize(
        new
        {
            name = "tiny-mnist",
            mirrors = Mirrors,
            files = files.Select(f => new
            {
                name = f.File.Name,
                bytes = f.File.Bytes,
                sha256 = f.File.Sha256,
                kind = f.File.Kind == IdxKind.Images ? "images" : "labels",
                count = f.File.Count,
                rows = f.File.Kind == IdxKind.Images ? f.File.Rows : null,
                cols = f.File.Kind == IdxKind.Images ? f.File.Cols : null,
                labels = f.File.Labels,
            }),
        },
        new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    public string WriteDefinition(string folder)
    {
        var path = Path.Combine(folder, "tiny-mnist.json");
        File.WriteAllText(path, DefinitionJson());
        return path;
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
