namespace MnistEmr.Common.Cli;

/// <summary>What a progress counter counts, which decides how it is shown.</summary>
public enum ProgressUnit
{
    /// <summary>Things: digits, shards, files ("1200 of 8000").</summary>
    Items,

    /// <summary>Bytes of a transfer ("40% (4.2 MB of 9.9 MB)", with the speed on a terminal).</summary>
    Bytes,
}
