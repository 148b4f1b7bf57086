using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Runtime.CompilerServices;
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

    // Hidden names and links are listed too: the reader decides about hidden names, and a link becomes an entry
    // that says why it is not read. Recursion never enters a link (ShouldRecursePredicate below).
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
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
        await foreach (var entry in ListEntriesAsync(prefix, cancellationToken))
        {
            if (entry.IsObject)
            {
                yield return entry.Key;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A symbolic link is listed with its reason and never followed: a link to a folder above (<c>loop -> .</c>)
    /// would repeat the tree without end, a dangling one would fail the listing, and S3, which the folder stands in
    /// for, has no links. The store's own folder missing is "no such folder", as a missing bucket is an error on S3.
    /// </remarks>
    public async IAsyncEnumerable<ListedEntry> ListEntriesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = location.UriFor(prefix.TrimEnd('/'));
        if (File.Exists(location.Folder))
        {
            throw ToolException.Remote($"{location.Folder} is a file, not a folder");
        }

        if (!Directory.Exists(location.Folder))
        {
            throw ToolException.Remote($"{location.Folder}: no such folder");
        }

        if (!Directory.Exists(start))
        {
            yield break;
        }

        List<ListedEntry> entries;
        try
        {
            entries = new FileSystemEnumerable<ListedEntry?>(start, (ref FileSystemEntry entry) => Describe(ref entry), Recursive)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => IsLink(ref entry) || !entry.IsDirectory || HasUnreadableName(ref entry),
                ShouldRecursePredicate = (ref FileSystemEntry entry) => !IsLink(ref entry) && !HasUnreadableName(ref entry),
            }.OfType<ListedEntry>().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.Remote($"cannot list {start}: {ex.Message}", ex);
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
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

    // Why a symbolic link is not read, naming where it points (its target as written in the link).
    private static string LinkReason(string? target, bool resolves, bool toFolder) =>
        !resolves ? $"a symbolic link to '{target}', which does not exist; links are not followed (S3 has none)"
        : toFolder ? $"a symbolic link to the folder '{target}'; links are not followed (S3 has none): copy the files instead"
        : $"a symbolic link to '{target}'; links are not followed (S3 has none): copy the file instead";

    /// <summary>
    /// Why the file at <paramref name="path"/> is not read, in the words the listing gives a link it meets (so a file
    /// named on a command line is judged as the same file inside a listed folder), or null when it is no link.
    /// </summary>
    public static string? LinkReasonOf(string path)
    {
        if (new FileInfo(path).LinkTarget is not { } target)
        {
            return null;
        }

        var (resolves, toFolder) = Resolve(path);
        return LinkReason(target, resolves, toFolder);
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

    private static string Reason(string path, Exception ex) => FileErrors.Reason(path, ex);

    /// <summary>
    /// Whether the entry's name is not valid UTF-8. .NET decodes such a name with U+FFFD for each bad byte, and the
    /// path it builds from that names nothing, so the file can be neither opened nor recursed into: it would be read
    /// as "deleted after it was listed", a folder's files silently lost. A name that holds U+FFFD itself (encoded
    /// as UTF-8) is found again under its path and is an ordinary entry.
    /// </summary>
    private static bool HasUnreadableName(ref FileSystemEntry entry)
    {
        if (!entry.FileName.Contains('\uFFFD'))
        {
            return false;
        }

        var path = entry.ToFullPath();
        return !File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null;
    }

    private static string UnreadableNameReason(bool folder) => folder
        ? "a folder whose name is not valid UTF-8 (the key shows U+FFFD for each bad byte): nothing in it can be opened by name, and S3 keys are UTF-8; rename it"
        : "its name is not valid UTF-8 (the key shows U+FFFD for each bad byte): it cannot be opened by name, and S3 keys are UTF-8; rename it";

    // On Unix a symbolic link carries ReparsePoint, whatever it points to (or when it points nowhere).
    private static bool IsLink(ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    private ListedEntry? Describe(ref FileSystemEntry entry)
    {
        var path = entry.ToFullPath();
        if (IsTemporary(path))
        {
            return null;
        }

        var key = Path.GetRelativePath(location.Folder, path).Replace(Path.DirectorySeparatorChar, '/');
        if (HasUnreadableName(ref entry))
        {
            return new ListedEntry(key, UnreadableNameReason(entry.IsDirectory), UnreadableName: true);
        }

        if (!IsLink(ref entry))
        {
            return new ListedEntry(key);
        }

        var (resolves, toFolder) = Resolve(path);
        return new ListedEntry(key, LinkReason(new FileInfo(path).LinkTarget, resolves, toFolder));
    }

    /// <summary>Whether the link at <paramref name="path"/> leads to something, and whether that is a folder.</summary>
    private static (bool Resolves, bool ToFolder) Resolve(string path)
    {
        try
        {
            // File.Exists is true for a dangling link itself: ask about the link's final target instead.
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
            return target is null ? (false, false) : (Directory.Exists(target) || File.Exists(target), Directory.Exists(target));
        }
        catch (IOException)
        {
            // A cycle of links (a -> b -> a) resolves to nothing.
            return (false, false);
        }
    }

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
