namespace MnistEmr.Common.Storage;

/// <summary>
/// A store that passes every call on to another: the base of the wrappers that watch or change a few calls (count the
/// requests, record the writes, refuse some reads) and leave the rest alone. It forwards
/// <see cref="ListEntriesAsync"/> too, for which a wrapper written member by member fell back to the interface's
/// default, which lists the keys alone and drops the entries a folder store reports beside them.
/// </summary>
/// <param name="inner">The store every call goes on to.</param>
public abstract class ForwardingObjectStore(IObjectStore inner) : IObjectStore
{
    /// <summary>The store every call goes on to.</summary>
    protected IObjectStore Inner => inner;

    /// <inheritdoc/>
    public virtual int MaxConcurrency => inner.MaxConcurrency;

    /// <inheritdoc/>
    public virtual string UriFor(string key) => inner.UriFor(key);

    /// <inheritdoc/>
    public virtual Task EnsureReachableAsync(CancellationToken cancellationToken) => inner.EnsureReachableAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual Task EnsureWritableAsync(CancellationToken cancellationToken) => inner.EnsureWritableAsync(cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<ListedEntry> ListEntriesAsync(string prefix, CancellationToken cancellationToken) =>
        inner.ListEntriesAsync(prefix, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(key, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    /// <inheritdoc/>
    public virtual Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, cancellationToken);

    /// <inheritdoc/>
    public virtual Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress,
        CancellationToken cancellationToken) =>
        inner.PutVerifiedAsync(key, content, sha256, source, progress, cancellationToken);

    /// <inheritdoc/>
    public virtual Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
}
