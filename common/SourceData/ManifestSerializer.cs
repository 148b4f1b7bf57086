using System.Text.Json;

namespace MnistEmr.Common.SourceData;

/// <summary>Reads and writes <see cref="DatasetManifest"/> as indented camelCase JSON.</summary>
public static class ManifestSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>Serializes the manifest to UTF-8 JSON.</summary>
    public static byte[] Serialize(DatasetManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, Options);

    /// <summary>Parses a manifest; returns null when the bytes are not a readable manifest, which then counts as absent.</summary>
    public static DatasetManifest? TryDeserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<DatasetManifest>(json, Options);
            return manifest?.Files is null || manifest.Dataset is null ? null : manifest;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
