namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// FORMAT A naming: a digit's folders and name come from HMAC-SHA256 keyed by the seed over the split and the digit's
/// index in the split, so they look random, carry neither label nor index, and a re-run (or a retried shard, whatever
/// the shard count) writes exactly the same keys. Names use 16 consonants only, so they contain no digit at all.
/// </summary>
internal sealed class FormatALayout
{
    private const string Alphabet = "bcdfghjklmnpqrst";
    private const int NameBytes = 10;
    private const int FolderNameBytes = 5;

    private readonly byte[] key;

    /// <summary>Creates the layout.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> when the options are invalid.</exception>
    public FormatALayout(FormatALayoutSettings options)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw ToolException.Usage(string.Join("; ", problems));
        }

        Options = options;
        key = Encoding.UTF8.GetBytes(options.Seed);
    }

    /// <summary>The options in use.</summary>
    public FormatALayoutSettings Options { get; }

    /// <summary>The key stem (folders and name, no extension) of digit <paramref name="index"/> of <paramref name="split"/>.</summary>
    public string StemFor(DatasetSplit split, int index)
    {
        var hash = Hash($"digit/{MnistFiles.NameOf(split)}/{index}");
        var depth = Options.MinDepth + (hash[NameBytes] % (Options.MaxDepth - Options.MinDepth + 1));
        var path = new StringBuilder(MnistFiles.PrefixOf(split));
        for (var level = 0; level < depth; level++)
        {
            var child = hash[NameBytes + 1 + level] % Options.FanOut;
            // A folder's name depends on its parent's path and child number only, so digits share folders.
            var folderHash = Hash($"folder/{path}/{child}");
            path.Append(Encode(folderHash.AsSpan(0, FolderNameBytes))).Append('/');
        }

        return path.Append(Encode(hash.AsSpan(0, NameBytes))).ToString();
    }

    private byte[] Hash(string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Alphabet[bytes[i] >> 4];
            chars[(2 * i) + 1] = Alphabet[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
