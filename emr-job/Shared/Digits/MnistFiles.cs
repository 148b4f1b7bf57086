namespace MnistEmr.Job.Shared.Digits;

/// <summary>The canonical IDX file names of node S3|1 and the FORMAT A prefix of each split.</summary>
internal static class MnistFiles
{
    /// <summary>Training images.</summary>
    public const string TrainImages = "train-images-idx3-ubyte.gz";

    /// <summary>Training labels.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte.gz";

    /// <summary>Test images.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte.gz";

    /// <summary>Test labels.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>Digit width and height in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per digit.</summary>
    public const int PixelCount = Side * Side;

    /// <summary>The images file of <paramref name="split"/>.</summary>
    public static string ImagesOf(DatasetSplit split) => split == DatasetSplit.Train ? TrainImages : TestImages;

    /// <summary>The labels file of <paramref name="split"/>.</summary>
    public static string LabelsOf(DatasetSplit split) => split == DatasetSplit.Train ? TrainLabels : TestLabels;

    /// <summary>The FORMAT A prefix of <paramref name="split"/>: <c>train/</c> or <c>test/</c>, as the steps' SQL reads them.</summary>
    public static string PrefixOf(DatasetSplit split) => split == DatasetSplit.Train ? NodeKeys.TrainTree : NodeKeys.TestTree;

    /// <summary>Parses <c>train</c> or <c>test</c>.</summary>
    public static DatasetSplit ParseSplit(string text) => text.ToLowerInvariant() switch
    {
        "train" => DatasetSplit.Train,
        "test" => DatasetSplit.Test,
        _ => throw ToolException.Usage($"split '{text}' must be train or test"),
    };

    /// <summary>The lowercase name of <paramref name="split"/>.</summary>
    public static string NameOf(DatasetSplit split) => split == DatasetSplit.Train ? "train" : "test";
}
