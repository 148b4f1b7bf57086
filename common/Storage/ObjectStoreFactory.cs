using Amazon.S3;

namespace MnistEmr.Common.Storage;

/// <summary>Opens the store a location names; one S3 client, made on first use, serves every S3 store.</summary>
public sealed class ObjectStoreFactory(S3Settings settings) : IDisposable
{
    private IAmazonS3? client;

    /// <summary>The store at <paramref name="location"/>.</summary>
    public IObjectStore Open(StoreLocation location) => location switch
    {
        FolderStoreLocation folder => new FolderObjectStore(folder),
        S3StoreLocation s3 => new S3ObjectStore(Client(), s3, settings.Timeout),
        _ => throw new ArgumentOutOfRangeException(nameof(location)),
    };

    /// <inheritdoc />
    public void Dispose() => client?.Dispose();

    private IAmazonS3 Client() =>
        client ??= S3ClientFactory.Create(settings.Endpoint, settings.Region, settings.Timeout, settings.Retries, settings.Credentials);
}
