using MnistEmr.Stacks;

namespace MnistEmr.Stacks.Tests;

/// <summary>
/// A synthesis run so that a signal stops the wait at once, and kept track of until it has really ended, so that the
/// jsii folder is deleted only after an abandoned synthesis has stopped writing into the temporary folder.
/// </summary>
[TestFixture]
[NonParallelizable]
public class InterruptibleSynthesisTests
{
    [Test]
    public void Run_NotCancelled_ReturnsTheResultAndLeavesNothingRunning()
    {
        var result = InterruptibleSynthesis.Run(() => 42, CancellationToken.None);

        Assert.That(result, Is.EqualTo(42));
        Assert.That(InterruptibleSynthesis.WaitForAbandoned(TimeSpan.FromSeconds(5)), Is.True);
    }

    [Test]
    public void Run_CancelledWhileRunning_StopsWaitingAtOnceButIsWaitedForUntilItEnds()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var abandoned = Task.Run(() => InterruptibleSynthesis.Run(
            () =>
            {
                started.Set();
                release.Wait();
                return "written";
            },
            cancel.Token));
        Assert.That(started.Wait(TimeSpan.FromSeconds(10)), Is.True, "the synthesis started");

        cancel.Cancel();

        Assert.That(() => abandoned.GetAwaiter().GetResult(), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(InterruptibleSynthesis.WaitForAbandoned(TimeSpan.FromMilliseconds(200)), Is.False, "still running");
        release.Set();
        Assert.That(InterruptibleSynthesis.WaitForAbandoned(TimeSpan.FromSeconds(10)), Is.True, "ended once released");
    }

    [Test]
    public void WaitForAbandoned_SynthesisFailedAfterTheSignal_CountsAsEnded()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var abandoned = Task.Run(() => InterruptibleSynthesis.Run<string>(
            () =>
            {
                started.Set();
                release.Wait();
                throw new IOException("Pipe is broken");
            },
            cancel.Token));
        Assert.That(started.Wait(TimeSpan.FromSeconds(10)), Is.True, "the synthesis started");
        cancel.Cancel();
        Assert.That(() => abandoned.GetAwaiter().GetResult(), Throws.InstanceOf<OperationCanceledException>());

        release.Set();

        Assert.That(InterruptibleSynthesis.WaitForAbandoned(TimeSpan.FromSeconds(10)), Is.True);
    }
}
