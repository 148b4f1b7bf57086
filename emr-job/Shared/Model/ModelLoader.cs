namespace MnistEmr.Job.Shared.Model;

/// <summary>Loads a run's model and card from S3|4, the latest run unless one is named.</summary>
internal static class ModelLoader
{
    /// <summary>Resolves the run id: <paramref name="runId"/>, or the one <c>latest.json</c> names.</summary>
    public static async Task<string> ResolveRunIdAsync(IObjectStore models, string? runId, CancellationToken cancellationToken)
    {
        if (runId is not null)
        {
            return RunKeys.Validate(runId);
        }

        var pointer = await models.GetAsync(RunKeys.Latest, cancellationToken)
            ?? throw ToolException.Remote($"{models.UriFor(RunKeys.Latest)} does not exist: train a model first or pass --run-id");
        return RunKeys.Validate(JobJson.Deserialize<RunPointer>(pointer, models.UriFor(RunKeys.Latest)).RunId);
    }

    /// <summary>Loads the model and card of <paramref name="runId"/>.</summary>
    public static async Task<(DigitModel Model, ModelCard Card)> LoadAsync(
        IObjectStore models, string runId, MLContext ml, CancellationToken cancellationToken)
    {
        var cardKey = RunKeys.ModelCard(runId);
        var card = JobJson.Deserialize<ModelCard>(await SourceReader.GetRequiredAsync(models, cardKey, cancellationToken), models.UriFor(cardKey));
        var modelKey = RunKeys.Model(runId);
        var zip = await SourceReader.GetRequiredAsync(models, modelKey, cancellationToken);
        using var stream = new MemoryStream(zip, writable: false);
        return (DigitModel.Load(ml, stream, models.UriFor(modelKey)), card);
    }
}
