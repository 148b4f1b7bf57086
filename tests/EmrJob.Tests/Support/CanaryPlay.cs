using System.Globalization;
using MnistEmr.Common.Storage;
using MnistJob.Stages;
using MnistJob.Steps;

namespace MnistJob.Tests.Support;

/// <summary>
/// The canary step played as its SQL runs it: one task per slot over <c>range()</c>, the probe tree read back by the
/// pairs view in one task with the marker row, then the verdict over every check row with its marker row.
/// </summary>
public static class CanaryPlay
{
    /// <summary>Plays the canary with <paramref name="tasks"/> slots and returns the verdict's process run.</summary>
    public static async Task<ProcessRun> RunAsync(SparkSimulator spark, IObjectStore formatA, StepLocations locations, string runId, int tasks)
    {
        var checks = await spark.TransformAsync(
            PipelineSteps.Canary.Name,
            Enumerable.Range(0, tasks).Select(i => new[] { i.ToString(CultureInfo.InvariantCulture) }),
            RowProtocol.Canary);
        var probeRows = await SparkSimulator.PairRowsAsync(formatA, locations.FormatAUri, CanaryProbeTree.Root(runId));
        probeRows.Add(SparkSimulator.Row(null, null, null));
        var probe = await spark.TransformAsync(PipelineSteps.Canary.Name, [probeRows], RowProtocol.CanaryProbe);
        var all = checks.Concat(probe).Select(r => string.Join('\t', r)).ToList();
        all.Add(SparkSimulator.Row(null, null, null, null));
        return await spark.RunAsync(PipelineSteps.Canary.Name, all, RowProtocol.CanaryVerdict);
    }
}
