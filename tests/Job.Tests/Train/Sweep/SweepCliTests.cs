namespace MnistEmr.Job.Tests.Train.Sweep;

[TestFixture]
public class SweepCliTests
{
    [TestCase("train --format-a x --models y --sweep 1", "--sweep must be 0 (no sweep) or from 2 to 32; got 1")]
    [TestCase("run-local --source x --work y --sweep 33", "--sweep must be 0 (no sweep) or from 2 to 32; got 33")]
    [TestCase("rows sweep-candidate --models x --run-id r --sweep 0 --sweep-seed 1", "--sweep must not be 0 in a sweep's step")]
    [TestCase("rows sweep-pick --models x --run-id r --sweep 3", "--sweep-seed")]
    public async Task BadSweep_IsAUsageError_NamingTheBound(string commandLine, string message)
    {
        var run = await CliRun.RunAsync(commandLine);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain(message));
    }

    [Test]
    public async Task TrainHelp_ExplainsTheSweep()
    {
        var run = await CliRun.RunAsync("train --help");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("--sweep <count>").And.Contain("--sweep-seed").And.Contain("log-loss"));
    }

    [Test]
    public async Task SweepCandidate_OutsideTheSweep_IsAUsageError()
    {
        using var temp = new TempFolder();
        var error = new StringWriter();
        var environment = new ToolEnvironment { In = new StringReader("5\n"), Out = TextWriter.Null, Error = error, Interactive = false };

        var code = await JobCli.RunAsync(["rows", "sweep-candidate", "--models", temp.Path, "--run-id", "r", "--sweep", "2", "--sweep-seed", "1"], environment);

        Assert.That(code, Is.EqualTo(2), error.ToString());
        Assert.That(error.ToString(), Does.Contain("candidate 5 is not in a sweep of 2"));
    }
}
