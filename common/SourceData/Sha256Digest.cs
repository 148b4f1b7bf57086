using System.Security.Cryptography;

namespace MnistEmr.Common.SourceData;

/// <summary>SHA-256 of a stream with its length, in one pass.</summary>
public static class Sha256Digest
{
    /// <summary>Reads <paramref name="stream"/> to its end; returns the byte count and the lowercase hex SHA-256.</summary>
    public static async Task<(long Bytes, string Sha256)> ComputeAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Converts lowercase hex SHA-256 to the base64 form S3 checksums use.</summary>
    public static string HexToBase64(string sha256Hex) => Convert.ToBase64String(Convert.FromHexString(sha256Hex));

    /// <summary>Converts an S3 base64 SHA-256 checksum to lowercase hex.</summary>
    public static string Base64ToHex(string sha256Base64) => Convert.ToHexStringLower(Convert.FromBase64String(sha256Base64));
}
