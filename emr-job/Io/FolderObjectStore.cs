using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MnistJob.Core;

namespace MnistJob.Io;

/// <summary>
/// A local folder standing in for a bucket. Objects are written in place (no temp file and rename): FORMAT A is
/// tens of thousands of tiny files where that would double the file-system work, and a shard interrupted mid-write
/// is redone by re-running it, which rewrites the same keys; its manifest, written last, marks it complete.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    private readonly FolderStoreLocation location;
    // Lazy: a writer racing the one creating the folder waits for it instead of writing into nothing.
    private readonly ConcurrentDictionary<string, Lazy<bool>> createdFolders = new(StringComparer.Ordinal);

    /// <summary>Creates the store; the folder is created on the first write.</summary>
    public FolderObjectStore(FolderStoreLocation location)
    {
        this.location = location;
    }

    /// <inheritdoc />
    public int MaxConcurrency => Environment.ProcessorCount;

    /// <inheritdoc />
    public string UriFor(string key) => location.UriFor(key);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = location.UriFor(prefix.TrimEnd('/'));
        if (File.Exists(location.Folder))
        {
            throw JobException.Remote($"{location.Folder} is a file, not a folder");
        }

        if (!Directory.Exists(start))
        {
            yield break;
        }

        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobException.Remote($"cannot list {start}: {ex.Message}", ex);
        }

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Path.GetRelativePath(location.Folder, file).Replace(Path.DirectorySeparatorChar, '/');
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = location.UriFor(key);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobException.Remote($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = location.UriFor(key);
        try
        {
            var folder = Path.GetDirectoryName(path)!;
            _ = createdFolders.GetOrAdd(folder, f => new Lazy<bool>(() => Directory.CreateDirectory(f).Exists)).Value;

            // Synchronous: for files this small the async machinery costs more than the write itself.
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            file.Write(content.Span);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobException.Remote($"cannot write {path}: {ex.Message}", ex);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = location.UriFor(key);
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw JobException.Remote($"cannot delete {path}: {ex.Message}", ex);
        }

        return Task.CompletedTask;
    }
}