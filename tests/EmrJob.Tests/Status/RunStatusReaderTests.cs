using MnistEmr.Common.Storage;
using MnistJob.Core;
using MnistJob.Status;
using MnistJob.Steps;

namespace MnistJob.Tests.Status;

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
}
