using System.Security.Cryptography;

namespace MnistEmr.Stacks.Constructs;

/// <summary>SHA-256 of files read at synthesis, so content changes show in the plan.</summary>
internal static class FileDigest
{
    /// <summary>The lowercase hex SHA-256 of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="setting">What names the file, for the error when it is missing.</param>
    /// <exception cref="FileNotFoundException">The file does not exist; the message says which setting names it.</exception>
    public static string Sha256(string path, string setting)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{setting}: no file at {path}", path);
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
