namespace MnistEmr.Common.Storage;

/// <summary>An S3 bucket and key prefix (empty, or ending in '/').</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefix">The prefix every key is under.</param>
public sealed record S3StoreLocation(string Bucket, string Prefix) : StoreLocation
{
    /// <summary>The object key of <paramref name="key"/> (relative to the prefix).</summary>
    public string KeyFor(string key) => Prefix + key;

    /// <inheritdoc />
    public override string UriFor(string key) => $"s3://{Bucket}/{Prefix}{key}";

    /// <inheritdoc />
    public override StoreLocation Child(string subPrefix) => this with { Prefix = Prefix + subPrefix.Trim('/') + "/" };
}
