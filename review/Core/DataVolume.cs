namespace MnistEmr.Review.Core;

/// <summary>What one pipeline run moves: the digits of each split and how FORMAT A stores them.</summary>
/// <param name="TrainDigits">Digits of the training split.</param>
/// <param name="TestDigits">Digits of the test split.</param>
/// <param name="ObjectsPerDigit">S3 objects per digit in FORMAT A.</param>
/// <param name="RawBytes">Bytes of the four raw IDX files in S3|1, which every explode task reads.</param>
internal sealed record DataVolume(int TrainDigits, int TestDigits, int ObjectsPerDigit, long RawBytes)
{
    /// <summary>
    /// MNIST as the pipeline runs it: 60,000 training and 10,000 test digits (the dataset's definition,
    /// https://yann.lecun.com/exdb/mnist/), each a .png and a .txt in FORMAT A (140,000 objects), from the four
    /// raw files of <see cref="CostEstimate.RawDatasetBytes"/>. How deep the folders nest does not matter: the job lists a
    /// tree with S3's flat listing.
    /// </summary>
    public static DataVolume Mnist { get; } = new(60_000, 10_000, 2, CostEstimate.RawDatasetBytes);

    /// <summary>
    /// Images waiting in S3|2's <c>inbox/</c> for the score step: 0 unless a user drops some, so by default the
    /// estimate counts only what the step costs on an empty inbox.
    /// </summary>
    public int InboxImages { get; init; }

    /// <summary>All digits.</summary>
    public int Digits => TrainDigits + TestDigits;

    /// <summary>The objects FORMAT A holds for one run.</summary>
    public int FormatAObjects => Digits * ObjectsPerDigit;
}
