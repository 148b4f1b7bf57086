namespace MnistEmr.Job.Canary;

/// <summary>
/// The tiny FORMAT A tree the canary writes and then reads back through the list and fetch stages: three digits at
/// depths 1 to 3 and a stray file named like a digit's stem, so the read proves the recursive listing, the pairing
/// by name and the rejection of strays exactly as the train and evaluate steps use them.
/// </summary>
internal static class CanaryProbeTree
{
    /// <summary>The tree's root under the FORMAT A root, where the canary step's SQL reads it back.</summary>
    public static string Root(string runId) => NodeKeys.CanaryProbeTree(runId);

    /// <summary>The objects of the tree, keys relative to the FORMAT A root, in key order.</summary>
    public static IReadOnlyList<(string Key, byte[] Content)> Objects(string runId)
    {
        var root = Root(runId);
        var objects = new List<(string, byte[])>();
        string[] stems = ["bcd", "fgh/jkl", "mnp/qrs/tvw"];
        for (var i = 0; i < stems.Length; i++)
        {
            var pixels = new byte[MnistFiles.PixelCount];
            pixels[(i * 97) % pixels.Length] = 255;
            objects.Add((root + stems[i] + FormatAKeys.PngExtension, PngCodec.EncodeGray(pixels, MnistFiles.Side, MnistFiles.Side)));
            objects.Add((root + stems[i] + FormatAKeys.TxtExtension, Encoding.ASCII.GetBytes($"{i}\n")));
        }

        // A stray beside the first digit with the digit's stem as its whole name: it must arrive on its own.
        objects.Add((root + stems[0], "stray"u8.ToArray()));
        return objects.OrderBy(o => o.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// How the pairs Spark delivered differ from the tree written; empty when they are exactly its three pairs and
    /// its stray, byte for byte.
    /// </summary>
    public static IReadOnlyList<string> Differences(IEnumerable<PairRow> delivered, string runId)
    {
        var expected = Objects(runId).ToDictionary(o => o.Key, o => o.Content, StringComparer.Ordinal);
        var rows = delivered.ToList();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // A stray joined to its digit would bring the digit's .png and .txt only: the stray then "did not come".
            foreach (var (key, content) in row.Objects())
            {
                if (!seen.Add(key))
                {
                    problems.Add($"{key} came twice");
                }
                else if (!expected.TryGetValue(key, out var bytes))
                {
                    problems.Add($"{key} was not written");
                }
                else if (content.Length > 0 && !content.AsSpan().SequenceEqual(bytes))
                {
                    problems.Add($"{key} came with other bytes ({content.Length} bytes, not {bytes.Length})");
                }
            }
        }

        problems.AddRange(expected.Keys.Where(k => !seen.Contains(k)).Select(k => $"{k} did not come"));
        // Three digits and the stray make four rows: a stray joined to its digit would make three.
        if (rows.Count != 4)
        {
            problems.Add($"{rows.Count} rows, not 4 (3 pairs and a stray on its own)");
        }

        return problems;
    }
}
