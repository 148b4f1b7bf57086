using System.CommandLine;

namespace MnistEmr.Job.Tests.Shared.Rows;

/// <summary>
/// The per-step registry of <c>rows</c> stages: every step of the contract has its entry, and every stage a step's
/// SQL runs is a stage of that entry or one every reading step shares (list, fetch).
/// </summary>
[TestFixture]
public sealed partial class StepRowsTests
{
    private static readonly ToolEnvironment Environment = new() { Out = TextWriter.Null, Error = TextWriter.Null, Interactive = false };

    private static readonly string[] Shared = [RowProtocol.List, RowProtocol.Fetch];

    [Test]
    public void ByStep_EveryStepOfTheContract_HasItsStages()
    {
        Assert.That(StepRows.ByStep.Keys, Is.EquivalentTo(PipelineSteps.All));
    }

    [TestCase(0)]
    [TestCase(4)]
    public void ByStep_EachStepsSql_RunsOnlyItsOwnOrSharedStages(int sweep)
    {
        var sizing = new SparkSizing { SweepCandidates = sweep };
        var steps = PipelineSteps.For(StepLocations.Under("s3://bucket"), sizing, "run-1");

        foreach (var step in steps)
        {
            var own = StepRows.ByStep[step.Definition](Environment).Select(c => c.Name).ToList();
            var run = RowStage().Matches(step.Sql).Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.That(run, Is.Not.Empty, step.Name);
            Assert.That(run, Is.SubsetOf(own.Concat(Shared)), $"{step.Name} runs a stage its entry lacks");
        }
    }

    [Test]
    public void Create_RowsGroup_HoldsEveryStepsStagesOnce()
    {
        var names = RowsCommand.Create(Environment).Subcommands.Select(c => c.Name).ToList();

        Assert.That(names, Is.Unique);
        Assert.That(names, Is.SupersetOf(StepRows.ByStep.Values.SelectMany(create => create(Environment)).Select(c => c.Name).Concat(Shared)));
    }

    [GeneratedRegex($@"{PipelineSteps.JobBinary} rows ([a-z-]+)")]
    private static partial Regex RowStage();
}
