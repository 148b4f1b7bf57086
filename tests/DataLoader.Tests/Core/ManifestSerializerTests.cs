using System.Text;

namespace MnistEmr.DataLoader.Tests.Core;

[TestFixture]
public sealed class ManifestSerializerTests
{
    private static readonly DatasetManifest Manifest = new(
        "tiny-mnist",
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        [new ManifestEntry("a.gz", 10, new string('a', 64), "https://mirror/a.gz"), new ManifestEntry("b.gz", 20, new string('b', 64), null)]);

    [Test]
    public void Serialize_Manifest_RoundTripsWithCamelCaseUtcJson()
    {
        var bytes = ManifestSerializer.Serialize(Manifest);
        var json = Encoding.UTF8.GetString(bytes);

        var back = ManifestSerializer.TryDeserialize(bytes);

        Assert.That(json, Does.Contain("\"dataset\": \"tiny-mnist\"").And.Contain("\"createdUtc\": \"2025-01-02T03:04:05+00:00\"")
            .And.Contain("\"source\": \"https://mirror/a.gz\""));
        Assert.That(back!.Files, Is.EqualTo(Manifest.Files));
        Assert.That(back.CreatedUtc, Is.EqualTo(Manifest.CreatedUtc));
    }

    [TestCase("")]
    [TestCase("{not json")]
    [TestCase("{}")]
    public void TryDeserialize_Unreadable_ReturnsNull(string text)
    {
        Assert.That(ManifestSerializer.TryDeserialize(Encoding.UTF8.GetBytes(text)), Is.Null);
    }

    [Test]
    public void Describes_ManifestOfTheDefinition_IsTrueAndFalseForOthers()
    {
        var dataset = TestDataset.Mnistlike();
        var definition = dataset.Definition;
        var manifest = new DatasetManifest(
            definition.Name, DateTimeOffset.UnixEpoch, definition.Files.Select(f => new ManifestEntry(f.Name, f.Bytes, f.Sha256, null)).ToList());

        Assert.That(manifest.Describes(definition), Is.True);
        Assert.That((manifest with { Files = manifest.Files.Skip(1).ToList() }).Describes(definition), Is.False);
        Assert.That((manifest with { Dataset = "other" }).Describes(definition), Is.False);
    }
}
