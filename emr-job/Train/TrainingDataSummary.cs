namespace MnistEmr.Job.Train;

/// <summary>The data a model was trained on, as recorded in its card.</summary>
/// <param name="Uri">Where the FORMAT A training tree was read from.</param>
/// <param name="Inputs">Inputs found (used + rejected).</param>
/// <param name="Used">Digits trained on.</param>
/// <param name="Rejected">Inputs rejected.</param>
/// <param name="LabelCounts">Used digits per label 0-9.</param>
/// <param name="DataHash">SHA-256 of the sorted (key, PNG SHA-256, label) lines of the used digits.</param>
internal sealed record TrainingDataSummary(string Uri, int Inputs, int Used, int Rejected, IReadOnlyList<int> LabelCounts, string DataHash)
{
    /// <summary>Problems with the tree as a whole, such as an explode that did not finish (trained on with --allow-incomplete).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
