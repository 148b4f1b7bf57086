namespace Pipeline.Review.Core;

/// <summary>
/// The folder tree FORMAT A writes for one split, in expectation: how many folders each level holds and how many
/// LIST pages a recursive listing of the split needs. Pure arithmetic over the layout the job uses
/// (<c>emr-job/Core/FormatALayout.cs</c>): each digit's depth is uniform over MinDepth..MaxDepth and each level's
/// child is uniform over the fan-out, independently, so the distinct folders at level d among m digits reaching it
/// are, in expectation, f^d × (1 − (1 − f^−d)^m).
/// </summary>
/// <param name="MinDepth">The fewest folders above a digit (FormatALayoutSettings.MinDepth).</param>
/// <param name="MaxDepth">The most folders above a digit (FormatALayoutSettings.MaxDepth).</param>
/// <param name="FanOut">Distinct children a folder can have (FormatALayoutSettings.FanOut).</param>
public sealed record FormatATree(int MinDepth, int MaxDepth, int FanOut)
{
    /// <summary>
    /// The job's defaults (FormatALayoutSettings: depth 1 to 4, fan-out 8), which the stack does not change.
    /// </summary>
    public static FormatATree JobDefault { get; } = new(1, 4, 8);

    /// <summary>
    /// Keys one LIST request returns at most (S3 ListObjectsV2, <c>max-keys</c> default and maximum 1,000:
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).
    /// </summary>
    public const int KeysPerListPage = 1000;

    /// <summary>Expected distinct folders at each level 1..MaxDepth for a split of <paramref name="digits"/> digits.</summary>
    public IReadOnlyList<double> FoldersPerLevel(int digits)
    {
        var levels = new double[MaxDepth];
        for (var level = 1; level <= MaxDepth; level++)
        {
            var reaching = digits * DepthsAtLeast(level) / (double)DepthCount;
            var slots = Math.Pow(FanOut, level);
            levels[level - 1] = slots * (1 - Math.Pow(1 - (1 / slots), reaching));
        }
        return levels;
    }

    /// <summary>
    /// LIST requests to list the split recursively, one folder at a time (as Spark's file index does with
    /// <c>recursiveFileLookup</c>): the split's root, then every folder, each needing one page per 1,000 entries
    /// (its child folders and the two objects of each digit stored directly in it).
    /// </summary>
    /// <param name="digits">Digits of the split.</param>
    /// <param name="objectsPerDigit">Objects each digit is stored as (FORMAT A: a .png and a .txt).</param>
    public double ListPages(int digits, int objectsPerDigit)
    {
        var folders = FoldersPerLevel(digits);
        var pages = Pages(folders.Count > 0 ? folders[0] : 0, DigitsAtDepth(digits, 0) * objectsPerDigit, 1);
        for (var level = 1; level <= MaxDepth; level++)
        {
            var here = folders[level - 1];
            var children = level < MaxDepth ? folders[level] : 0;
            pages += Pages(children, DigitsAtDepth(digits, level) * objectsPerDigit, here);
        }
        return pages;
    }

    /// <summary>Folders listed in total for the split: its root and every folder below it.</summary>
    public double Folders(int digits) => 1 + FoldersPerLevel(digits).Sum();

    private int DepthCount => MaxDepth - MinDepth + 1;

    // Depths d with d >= level among MinDepth..MaxDepth: the digits that pass through a folder at this level.
    private int DepthsAtLeast(int level) => Math.Max(0, MaxDepth - Math.Max(level, MinDepth) + 1);

    private double DigitsAtDepth(int digits, int depth) =>
        depth >= MinDepth && depth <= MaxDepth ? digits / (double)DepthCount : 0;

    // Pages for `folders` folders sharing `children` child folders and `objects` objects between them.
    private static double Pages(double children, double objects, double folders)
    {
        if (folders <= 0)
            return 0;
        var entriesEach = (children + objects) / folders;
        return folders * Math.Max(1, Math.Ceiling(entriesEach / KeysPerListPage));
    }
}
