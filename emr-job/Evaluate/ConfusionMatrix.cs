namespace MnistEmr.Job.Evaluate;

/// <summary>A 10x10 count matrix: row = true label, column = predicted label.</summary>
internal sealed class ConfusionMatrix
{
    /// <summary>The number of classes (digits 0-9).</summary>
    public const int Classes = 10;

    /// <summary>Creates an empty matrix.</summary>
    public ConfusionMatrix()
    {
        Counts = Enumerable.Range(0, Classes).Select(_ => new int[Classes]).ToArray();
    }

    /// <summary>Creates a matrix from <paramref name="counts"/> (10 rows of 10).</summary>
    public ConfusionMatrix(int[][] counts)
    {
        if (counts.Length != Classes || counts.Any(r => r.Length != Classes))
        {
            throw new ArgumentException("a confusion matrix is 10x10", nameof(counts));
        }

        Counts = counts;
    }

    /// <summary>The counts, row = true label, column = predicted label.</summary>
    public int[][] Counts { get; }

    /// <summary>The total number of predictions.</summary>
    public int Total => Counts.Sum(r => r.Sum());

    /// <summary>The number of correct predictions (the diagonal).</summary>
    public int Correct => Enumerable.Range(0, Classes).Sum(i => Counts[i][i]);

    /// <summary>Records one prediction.</summary>
    public void Add(int actual, int predicted) => Counts[actual][predicted]++;
}
