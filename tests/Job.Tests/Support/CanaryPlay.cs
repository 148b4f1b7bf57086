namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// The canary step played as its SQL runs it: one task per slot over <c>range()</c>, the probe tree listed and fetched
/// by the job and read back in one task with the marker row, then the verdict over every check row with its marker row.
/// </summary>
public static class CanaryPlay
{
    /// <summary>Plays the canary with <paramref name="tasks"/> slots and returns the verdict's process run.</summary>
    public static async Task<ProcessRun> RunAsync(SparkSimulator spark, int tasks)
    {
        var checks = await spark.TransformAsync(
            PipelineSteps.Canary.Name,
            Enumerable.Range(0, tasks).Select(i => new[] { i.ToString(CultureInfo.InvariantCulture) }),
            RowProtocol.Canary);
        var probeRows = (await spark.FetchedAsync(PipelineSteps.Canary.Name)).SelectMany(p => p).ToList();
        probeRows.Add(SparkSimulator.Row(null, null, null));
        var probe = await spark.TransformAsync(PipelineSteps.Canary.Name, [probeRows], RowProtocol.CanaryProbe);
        var all = checks.Concat(probe).Select(r => string.Join('\t', r)).ToList();
        all.Add(SparkSimulator.Row(new string?[RowProtocol.CanaryOutput.Count]));
        return await spark.RunAsync(PipelineSteps.Canary.Name, all, RowProtocol.CanaryVerdict);
    }
}
