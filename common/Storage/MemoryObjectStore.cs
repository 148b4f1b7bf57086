using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MnistEmr.Common.SourceData;

namespace MnistEmr.Common.Storage;

/// <summary>
/// Objects held in memory under the URIs of another location: the FORMAT A files a Spark task received as rows,
/// read through the same code as a bucket (the job's FORMAT A reader), so pairing, validation and rejections are those
/// of run-local.
/// </summary>
public sealed class MemoryObjectStore(Func<string, string> uriFor) : IObjectStore
{
    private readonly ConcurrentDictionary<string, byte[]> objects = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public int MaxConcurrency => Environment.ProcessorCount;

    /// <summary>The number of objects held.</summary>
    public int Count => objects.Count;

    /// <inheritdoc />
    public string UriFor(string key) => uriFor(key);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var key in objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }
    }

    /// <inheritdoc />
    public Task EnsureReachableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(objects.TryGetValue(key, out var content) ? new StoredObject(content.Length, Sha256Digest.Of(content), null) : null);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(objects.TryGetValue(key, out var content) ? content : null);

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        objects[key] = content.ToArray();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PutVerifiedAsync(
        string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        content.Position = 0;
        await StreamCopy.CopyAsync(content, copy, progress, cancellationToken);
        objects[key] = copy.ToArray();
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Holds <paramref name="content"/> under <paramref name="key"/> without copying.</summary>
    public void Add(string key, byte[] content) => objects[key] = content;
}
