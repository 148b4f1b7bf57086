namespace MnistEmr.Job.Explode;

/// <summary>
/// <c>--shards</c>, one definition for <c>explode</c>, <c>run-local</c> and <c>rows explode</c>: the same default,
/// and the bound checked while parsing, so a count of 0, -3 or 100000000 is one usage line before any work.
/// </summary>
internal static class ShardsOption
{
    /// <summary>Creates the option; <paramref name="required"/> for the row protocol, which the steps always pass.</summary>
    public static Option<int> Create(string description, bool required = false)
    {
        var option = new Option<int>(RowProtocol.ShardsOption)
        {
            Description = required
                ? $"{description} 1 to {SparkSizing.MaxExplodeShards}."
                : $"{description} 1 to {SparkSizing.MaxExplodeShards}; the default is the same in explode and run-local, so their trees carry the same manifests.",
            Required = required,
        };
        if (!required)
        {
            option.DefaultValueFactory = _ => ShardRange.DefaultCount;
        }

        return option.Check(count => ShardRange.ProblemWithCount(count));
    }
}
