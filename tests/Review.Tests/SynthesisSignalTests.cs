using MnistEmr.Tests.Shared.Jsii;

namespace MnistEmr.Review.Tests;

/// <summary>
/// The review stopped while it synthesizes, as a real process: Ctrl-C (SIGINT to its process group, jsii's Node.js
/// children included) and SIGTERM to it alone, at three points of the synthesis. Each ends with 130 and one
/// <c>error: cancelled</c> line, without a stack trace, with its temporary folder removed and no Node.js process
/// left. Before, Ctrl-C intermittently ended it with 134 and an unhandled "Pipe is broken", and the synthesis ran to
/// its end before SIGTERM was heard.
/// </summary>
[TestFixture]
[Category("Signals")]
public class SynthesisSignalTests
{
    [TestCase(Interruption.CtrlC, SynthesisPoint.KernelStarted)]
    [TestCase(Interruption.CtrlC, SynthesisPoint.ProviderLoading)]
    [TestCase(Interruption.CtrlC, SynthesisPoint.BuildingConstructs)]
    [TestCase(Interruption.SigTerm, SynthesisPoint.KernelStarted)]
    [TestCase(Interruption.SigTerm, SynthesisPoint.BuildingConstructs)]
    [TestCase(Interruption.SigInt, SynthesisPoint.BuildingConstructs)]
    public void Review_InterruptedWhileSynthesizing_Exits130WithOneLineAndLeavesNothing(Interruption interruption, SynthesisPoint point)
    {
        var repository = ScratchRepository();
        var temp = TestRunFolder.NewFolder("tmp");
        var output = Path.Combine(repository, "out");

        var outcome = SynthesisInterruption.Run(
            Path.Combine(AppContext.BaseDirectory, "mnist-pipeline-review.dll"), ["--offline", "--out", output], repository, temp, interruption, point);

        outcome.AssertCancelledCleanly("error: cancelled while synthesizing the stack");
        Assert.That(File.Exists(Path.Combine(output, "review.json")), Is.False, "no review written");
    }

    // A repository of its own (cdktf.json and the dataset definition the loader's trigger hashes), so the cancelled
    // synthesis writes into the test's folder, not the working tree's cdktf.out/.
    private static string ScratchRepository()
    {
        var root = TestRunFolder.NewFolder("repo");
        Directory.CreateDirectory(Path.Combine(root, "data-loader", "datasets"));
        File.Copy(Repository.PathOf("cdktf.json"), Path.Combine(root, "cdktf.json"));
        File.Copy(Repository.PathOf("data-loader", "datasets", "mnist.json"), Path.Combine(root, "data-loader", "datasets", "mnist.json"));
        return root;
    }
}
