namespace MnistEmr.Job.Tests.Status;

/// <summary>Which runs the reader finds, from what each step leaves under its node's prefixes.</summary>
[TestFixture]
public class RunStatusReaderTests
{
    private static MemoryObjectStore Store(string name) => new(key => $"mem://{name}/{key}");

    [Test]
    public async Task Resolve_RunWithModelAndPredictions_IsOneRunWhateverPrefixesItLeftThingsUnder()
    {
        var (formatA, models, reports) = (Store("fa"), Store("models"), Store("reports"));
        await models.PutAsync(RunKeys.ModelCard("run-1"), "{}"u8.ToArray(), CancellationToken.None);
        await reports.PutAsync(NodeKeys.Predictions("run-1") + "summary.json", "{}"u8.ToArray(), CancellationToken.None);
        await reports.PutAsync(NodeKeys.Predictions("run-2") + "summary.json", "{}"u8.ToArray(), CancellationToken.None);

        var (runId, others) = await new RunStatusReader(null, formatA, models, reports).ResolveAsync("run-1", mustExist: true, CancellationToken.None);

        Assert.That(runId, Is.EqualTo("run-1"));
        Assert.That(others, Is.EqualTo(new[] { "run-1", "run-2" }), "every run found, whole, under predictions/ as under runs/");
    }

    [Test]
    public async Task Read_SecondRunsExplodeRows_CountTheShardsItKeptAndStatusSaysTheTreeWasKept()
    {
        var (formatA, models, reports) = (Store("fa"), Store("models"), Store("reports"));
        var source = new MemoryObjectStore(key => $"mem://source/{key}");
        foreach (var file in RealSample.Files.Files)
        {
            await source.PutAsync(file.Name, file.Content, CancellationToken.None);
        }

        var layout = new FormatALayout(new FormatALayoutSettings("status-seed"));
        // Each run's step: one task per shard, its rows committed as Spark's JSON writer commits them.
        foreach (var run in new[] { "run-1", "run-2" })
        {
            var rows = new List<ExplodeShardResult>();
            foreach (var shard in new[] { 0, 1 })
            {
                rows.AddRange(await new ExplodeShardTask(source, formatA, layout, SilentToolLog.Instance, TimeProvider.System).RunAsync(shard, 2, CancellationToken.None));
            }

            var lines = rows.Select(r => JsonSerializer.Serialize(new { shard = r.Shard, split = MnistFiles.NameOf(r.Split), digits = r.Digits, manifest = r.ManifestUri }));
            await formatA.PutAsync($"_runs/{run}/explode/part-00000-c000.json", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), CancellationToken.None);
        }

        var reader = new RunStatusReader(null, formatA, models, reports);
        var first = await reader.ReadAsync("run-1", CancellationToken.None);
        var second = await reader.ReadAsync("run-2", CancellationToken.None);
        var explode = RunStatus.From(second, reader.LocationsOf("run-2"), [], null).Steps.Single(s => s.Step == PipelineSteps.Explode.Name);

        Assert.That((first.ExplodeRows, first.ExplodeKeptRows), Is.EqualTo((4, 0)));
        Assert.That((second.ExplodeRows, second.ExplodeKeptRows), Is.EqualTo((4, 4)));
        Assert.That(explode.State, Is.EqualTo(StepState.Done));
        Assert.That(explode.Headline, Does.EndWith("; the run kept the tree (every shard up to date, nothing written)"));
    }
}
