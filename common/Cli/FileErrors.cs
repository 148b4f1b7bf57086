namespace MnistEmr.Common.Cli;

/// <summary>Why a local file could not be read or written, in words rather than .NET's.</summary>
public static class FileErrors
{
    /// <summary>
    /// The reason <paramref name="path"/> failed with <paramref name="exception"/>: .NET reports a folder where a file
    /// is expected as "Access to the path is denied", which sends the user looking at permissions.
    /// </summary>
    public static string Reason(string path, Exception exception) =>
        Directory.Exists(path) ? "it is a folder, not a file"
        : exception is FileNotFoundException or DirectoryNotFoundException ? "no such file"
        : exception.Message.TrimEnd('.');
}
