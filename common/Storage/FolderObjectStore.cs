using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MnistEmr.Common.Cli;
using MnistEmr.Common.SourceData;

namespace MnistEmr.Common.Storage;

/// <summary>
/// A local folder standing in for a bucket. Every write goes to a hidden temporary file beside its final name and is
/// then renamed over it, so an interrupted run never leaves a partial or empty file under an object's name, as S3
/// never shows a partial object. Listing does not follow symbolic links: a link to a folder above would repeat the
/// tree without end, and S3 has no links.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    /// <summary>The suffix of the temporary files a write goes through; such files are never listed.</summary>
    public const string TempSuffix = ".partial";

    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        // Not followed, not listed: symbolic links (ReparsePoint on Unix too).
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = false,
    };

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
    public Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(location.Folder))
        {
            throw ToolException.Remote($"{location.Folder} is a file, not a folder");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Creates the folder and writes, flushes and deletes a hidden probe file: the checks a real write needs.</remarks>
    public Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        var probe = Path.Combine(location.Folder, $".write-probe.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            Directory.CreateDirectory(location.Folder);
            using (var output = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                output.WriteByte(0);
                output.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            return Task.CompletedTask;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.Remote($"{location.Folder} is not writable: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = location.UriFor(prefix.TrimEnd('/'));
        if (File.Exists(location.Folder))
        {
            throw ToolException.Remote($"{location.Folder} is a file, not a folder");
        }

        if (!Directory.Exists(start))
        {
            yield break;
        }

        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(start, "*", Recursive).Where(f => !IsTemporary(f)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.Remote($"cannot list {start}: {ex.Message}", ex);
        }

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Path.GetRelativePath(location.Folder, file).Replace(Path.DirectorySeparatorChar, '/');
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var path = location.UriFor(key);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            var (bytes, sha256) = await Sha256Digest.ComputeAsync(stream, cancellationToken);
            return new StoredObject(bytes, sha256, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.Remote($"cannot read {path}: {Reason(path, ex)}", ex);
        }
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
            throw ToolException.Remote($"cannot read {path}: {Reason(path, ex)}", ex);
        }
    }

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Synchronous: for files this small (FORMAT A's PNGs) the async machinery costs more than the write itself.
        WriteAtomically(key, durable: false, temp =>
        {
            using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            file.Write(content.Span);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Flushed to disk before the rename, so a crash cannot expose a renamed but empty file.</remarks>
    public Task PutVerifiedAsync(
        string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        WriteAtomically(key, durable: true, async temp =>
        {
            await using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            content.Position = 0;
            await StreamCopy.CopyAsync(content, output, progress, cancellationToken);
            output.Flush(flushToDisk: true);
        });

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
            throw ToolException.Remote($"cannot delete {path}: {ex.Message}", ex);
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="path"/> is one of the temporary files a write goes through.</summary>
    public static bool IsTemporary(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(TempSuffix, StringComparison.Ordinal);
    }

    private async Task WriteAtomically(string key, bool durable, Func<string, Task> write)
    {
        var path = location.UriFor(key);
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            _ = createdFolders.GetOrAdd(folder, f => new Lazy<bool>(() => Directory.CreateDirectory(f).Exists)).Value;
            await write(temp);
            File.Move(temp, path, overwrite: true);
            if (durable)
            {
                RemoveStaleTempFiles(folder, Path.GetFileName(path));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.Remote($"cannot write {path}: {Reason(path, ex)}", ex);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    // A folder where a file is expected reads as "Access to the path is denied" from .NET: say what it is.
    private static string Reason(string path, Exception ex) => Directory.Exists(path) ? "it is a folder, not a file" : ex.Message;

    /// <summary>Temporary files of <paramref name="name"/> left by a killed run (cancellation cleans up its own).</summary>
    private static void RemoveStaleTempFiles(string folder, string name)
    {
        foreach (var stale in Directory.EnumerateFiles(folder, $".{name}.*{TempSuffix}"))
        {
            TryDelete(stale);
        }
    }

    // In a finally: a folder that never existed must not replace the write's own error with DirectoryNotFoundException.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write's own error, already on its way, says what went wrong.
        }
    }
}
