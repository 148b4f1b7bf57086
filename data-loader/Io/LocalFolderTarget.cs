using DataLoader.Core;

namespace DataLoader.Io;

/// <summary>
/// A local folder. Each write goes to a hidden temporary file in the same folder, flushed to disk, then renamed over
/// the final name, so an interrupted run never leaves a partial file under a dataset name.
/// </summary>
public sealed class LocalFolderTarget : IDatasetTarget
{
    private const string TempSuffix = ".partial";
    private readonly LocalTargetLocation location;
    private readonly string folder;

    /// <summary>Creates the target; the folder is created on the first write.</summary>
    public LocalFolderTarget(LocalTargetLocation location)
    {
        this.location = location;
        folder = Path.GetFullPath(location.Folder);
    }

    /// <inheritdoc />
    public string UriFor(string name) => location.UriFor(name);

    /// <inheritdoc />
    public Task EnsureAccessibleAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(folder))
        {
            throw LoaderException.Remote($"target {folder} is a file, not a folder");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Creates the folder and writes, flushes and deletes a hidden probe file: the checks a real write needs.</remarks>
    public Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        var probe = Path.Combine(folder, $".write-probe.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            Directory.CreateDirectory(folder);
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
            throw LoaderException.Remote($"target {folder} is not writable: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task<StoredObject?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        try
        {
            await using var stream = OpenRead(path);
            var (bytes, sha256) = await Sha256Digest.ComputeAsync(stream, cancellationToken);
            return new StoredObject(bytes, sha256, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LoaderException.Remote($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAllAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
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
            throw LoaderException.Remote($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task PutAsync(
        string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            Directory.CreateDirectory(folder);
            RemoveStaleTempFiles(name);
            await using (var output = new FileStream(
                temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                content.Position = 0;
                await StreamCopy.CopyAsync(content, output, progress, cancellationToken);
                // Durable before the rename, so a crash cannot expose a renamed but empty file.
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LoaderException.Remote($"cannot write {path}: {ex.Message}", ex);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(name));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LoaderException.Remote($"cannot delete {PathOf(name)}: {ex.Message}", ex);
        }

        return Task.CompletedTask;
    }

    private string PathOf(string name) => Path.Combine(folder, name);

    // In a finally: a folder that never existed must not replace the write's own error with DirectoryNotFoundException.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write's error, already on its way, says what went wrong.
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

    /// <summary>Temp files left by a killed run (cancellation cleans up its own).</summary>
    private void RemoveStaleTempFiles(string name)
    {
        foreach (var stale in Directory.EnumerateFiles(folder, $".{name}.*{TempSuffix}"))
        {
            File.Delete(stale);
        }
    }
}
