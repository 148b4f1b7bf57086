namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// Reads many small objects with several GETs in flight: how every reader of FORMAT A and of the scoring inbox fetches,
/// on EMR (the <c>rows fetch</c> stage) as in run-local. One object at a time, a reader waits a whole round trip per
/// object (tens of milliseconds on S3) and its throughput is the latency's inverse; with <c>n</c> in flight it is up
/// to <c>n</c> times that, until the CPU or S3's request rate bounds it.
/// </summary>
internal static class ObjectFetch
{
    /// <summary>
    /// The bytes of each of <paramref name="keys"/>, in their order, with at most <paramref name="inFlight"/> GETs at once;
    /// null for a key whose object is gone (deleted after it was listed).
    /// </summary>
    /// <exception cref="MnistEmr.Common.Cli.ToolException">Exit 3 on a storage failure the store's retries did not repair.</exception>
    public static async Task<byte[]?[]> GetAllAsync(IObjectStore store, IReadOnlyList<string> keys, int inFlight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var contents = new byte[]?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (i, token) => contents[i] = await store.GetAsync(keys[i], token));
        return contents;
    }

    /// <summary>
    /// The same bytes as <see cref="GetAllAsync"/>, one GET at a time: how Spark's <c>binaryFile</c> scan reads (one
    /// file per task, each opened and read in turn: Spark 3.5 <c>BinaryFileFormat.buildReader</c>). The baseline the
    /// read benchmark compares with; no step reads this way.
    /// </summary>
    public static async Task<byte[]?[]> GetOneAtATimeAsync(IObjectStore store, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        var contents = new byte[]?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            contents[i] = await store.GetAsync(keys[i], cancellationToken);
        }

        return contents;
    }
}
