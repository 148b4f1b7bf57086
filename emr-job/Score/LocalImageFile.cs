namespace MnistEmr.Job.Score;

/// <summary>
/// Reads one image file named on a command line (<c>predict</c>'s arguments, <c>score --input</c> naming a file) as a
/// <see cref="ScoreInput"/>, by the rules a folder's listing applies to the same file: a symbolic link is refused with
/// the listing's words (<see cref="FolderObjectStore.LinkReasonOf"/>), so one file is read by all or by none.
/// </summary>
internal static class LocalImageFile
{
    /// <summary>The file at <paramref name="path"/>, keyed <paramref name="key"/>: its bytes, or why it cannot be read.</summary>
    public static async Task<ScoreInput> ReadAsync(string path, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (FolderObjectStore.LinkReasonOf(path) is { } link)
        {
            return new ScoreInput(key, null, new Rejection(key, RejectionReason.SymbolicLink, link));
        }

        try
        {
            return new ScoreInput(key, await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ScoreInput(key, null, new Rejection(key, RejectionReason.Unreadable, Unreadable(path)));
        }
    }

    /// <summary>Why <paramref name="path"/> could not be read, in words rather than .NET's "Access to the path is denied" for a folder.</summary>
    private static string Unreadable(string path) =>
        Directory.Exists(path) ? "cannot read: a directory, not a file"
        : File.Exists(path) ? "cannot read: permission denied"
        // .NET turns each byte of a name that is not UTF-8 into U+FFFD, and that name opens nothing.
        : path.Contains('\uFFFD') ? "cannot read: no such file (or its name is not valid UTF-8, which cannot be opened by name)"
        : "cannot read: no such file";
}
