namespace MnistEmr.Job.Shared.FormatA;

/// <summary>How FORMAT A names and nests digits.</summary>
/// <param name="Seed">The key of the naming hash: the same seed gives the same keys on every run and retry.</param>
/// <param name="MinDepth">The fewest folders above a digit.</param>
/// <param name="MaxDepth">The most folders above a digit.</param>
/// <param name="FanOut">How many distinct child folders a folder can have.</param>
internal sealed record FormatALayoutSettings(string Seed, int MinDepth = 1, int MaxDepth = 4, int FanOut = 8)
{
    /// <summary>The deepest nesting supported (the naming hash has one byte per level).</summary>
    public const int DepthLimit = 16;

    /// <summary>Returns the problems with these options; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(Seed))
        {
            problems.Add("--seed must not be empty");
        }

        if (MinDepth < 0 || MaxDepth > DepthLimit || MinDepth > MaxDepth)
        {
            problems.Add($"depths must satisfy 0 <= --min-depth <= --max-depth <= {DepthLimit} (got {MinDepth} and {MaxDepth})");
        }

        if (FanOut is < 1 or > 256)
        {
            problems.Add($"--fan-out must be between 1 and 256 (got {FanOut})");
        }

        return problems;
    }
}
