using System.Security.Cryptography;
using Microsoft.ML;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Training;

namespace MnistJob.Stages;

/// <summary>
/// Train (S3|2 to S3|4): reads the FORMAT A training tree, fits the model and writes, under the run id, the model
/// zip and its card, then <c>latest.json</c> last, so the pointer never names an incomplete run. A run that is
/// already trained (its card exists, written after the model) is kept, never overwritten: a second cluster started
/// for the same run (the next deploy after a transient cluster ended) reuses its model.
/// </summary>
/// <param name="formatA">S3|2.</param>
/// <param name="models">S3|4.</param>
/// <param name="log">Log lines and progress.</param>
/// <param name="clock">Stamps the card.</param>
/// <param name="allowIncomplete">Train on a tree explode did not finish (logged and recorded in the card) instead of refusing.</param>
public sealed class TrainStage(IObjectStore formatA, IObjectStore models, IToolLog log, TimeProvider clock, bool allowIncomplete = false)
{
    /// <summary>Trains with <paramref name="settings"/> and stores the result as run <paramref name="runId"/>.</summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is found, 3 on storage failures.</exception>
    public async Task<TrainResult> RunAsync(TrainerSettings settings, string runId, CancellationToken cancellationToken)
    {
        if (await models.GetAsync(RunKeys.ModelCard(runId), cancellationToken) is { } existing)
        {
            var kept = JobJson.Deserialize<ModelCard>(existing, models.UriFor(RunKeys.ModelCard(runId)));
            log.Info($"run {runId} is already trained ({models.UriFor(RunKeys.ModelCard(runId))}, {kept.CreatedUtc:u}): kept, not overwritten; "
                + "use another run id to train again");
            return new TrainResult(kept, models.UriFor(RunKeys.Model(runId)), models.UriFor(RunKeys.ModelCard(runId))) { Kept = true };
        }

        var scan = await FormatAReader.ScanAsync(formatA, DatasetSplit.Train, log, cancellationToken);
        scan = await FormatACompleteness.CheckAsync(formatA, scan, allowIncomplete, log, cancellationToken);
        if (scan.Used.Count == 0)
        {
            throw ToolException.Integrity(
                $"no usable training digits under {formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Train))}: "
                + $"{scan.Inputs} inputs, {scan.Rejections.Count} rejected{string.Concat(scan.Warnings.Select(w => "; " + w))}");
        }

        log.Info($"training on {scan.Used.Count} digits ({settings.Iterations} iterations, {settings.Leaves} leaves)");
        var ml = new MLContext(settings.Seed);
        var result = await Task.Run(() => new MnistTrainer(ml).Train(scan.Used, settings), cancellationToken);
        log.Info($"trained in {result.Duration.TotalSeconds:F1} s, training accuracy {result.TrainingAccuracy:P2}");

        using var zip = new MemoryStream();
        DigitModel.Save(ml, result, zip);
        var modelBytes = zip.ToArray();
        var modelKey = RunKeys.Model(runId);
        var card = new ModelCard(
            runId,
            clock.GetUtcNow(),
            MnistTrainer.TrainerName,
            settings,
            DigitFeaturizer.Name,
            DigitFeaturizer.FeatureCount,
            new TrainingDataSummary(
                formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Train)), scan.Inputs, scan.Used.Count, scan.Rejections.Count, scan.LabelCounts, scan.DataHash())
            {
                Warnings = scan.Warnings,
            },
            scan.Rejections,
            result.Duration.TotalSeconds,
            result.TrainingAccuracy,
            modelKey,
            Convert.ToHexStringLower(SHA256.HashData(modelBytes)),
            LibraryVersions.All());
        await models.PutAsync(modelKey, modelBytes, cancellationToken);
        await models.PutAsync(RunKeys.ModelCard(runId), JobJson.Serialize(card), cancellationToken);
        await models.PutAsync(RunKeys.Latest, JobJson.Serialize(new RunPointer(runId, card.CreatedUtc)), cancellationToken);
        return new TrainResult(card, models.UriFor(modelKey), models.UriFor(RunKeys.ModelCard(runId)));
    }
}
