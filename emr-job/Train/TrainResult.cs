namespace MnistEmr.Job.Train;

/// <summary>What the train stage wrote.</summary>
/// <param name="Card">The model card.</param>
/// <param name="ModelUri">Where the model zip is.</param>
/// <param name="CardUri">Where the card is.</param>
internal sealed record TrainResult(ModelCard Card, string ModelUri, string CardUri)
{
    /// <summary>True when the run was already trained and its model kept rather than trained again.</summary>
    public bool Kept { get; init; }
}
