using System.Globalization;

namespace MnistEmr.Common.Cli;

/// <summary>Human-readable byte counts for log lines.</summary>
internal static class ByteSize
{
    /// <summary>Formats <paramref name="bytes"/> as B, KB or MB (decimal units).</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} B",
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.#} MB"),
    };
}
