using System.Collections.Concurrent;

namespace MnistEmr.Stacks;

/// <summary>
/// Runs a synthesis so that a signal stops the tool at once. A synthesis is hundreds of blocking jsii calls (9 to 17 s
/// of a loaded 2-core machine), none of which takes a cancellation token: waited for to its end, a Ctrl-C seemed
/// ignored. It runs on a worker thread instead, and the caller stops waiting when cancelled; the abandoned calls fail
/// once <see cref="JsiiTempFolder"/> ends jsii's child, and the tool exits with 130 through its usual cleanup.
/// </summary>
public static class InterruptibleSynthesis
{
    // The syntheses still running, abandoned ones included, until each has ended.
    private static readonly ConcurrentDictionary<Task, byte> Running = new();

    /// <summary>Runs <paramref name="synthesize"/> and returns its result, unless <paramref name="cancel"/> fires first.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before the synthesis ended (or while it failed).</exception>
    public static T Run<T>(Func<T> synthesize, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(synthesize);
        cancel.ThrowIfCancellationRequested();
        var work = Task.Factory.StartNew(synthesize, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Running.TryAdd(work, 0);
        _ = work.ContinueWith(ended => Running.TryRemove(ended, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return work.WaitAsync(cancel).GetAwaiter().GetResult();
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is not OperationCanceledException)
        {
            // A signal came while the synthesis failed (its child gone with the signal): the failure is the signal's.
            throw new OperationCanceledException("cancelled", e, cancel);
        }
    }

    /// <summary>
    /// Waits, up to <paramref name="timeout"/>, for the syntheses a signal abandoned to end. Once jsii's child is ended
    /// each fails at its next call, but it may first finish what jsii does in-process: unpacking a package's tarball
    /// under the temporary folder. <see cref="JsiiTempFolder"/> waits for that before it deletes the folder.
    /// </summary>
    /// <returns>Whether none is running any more.</returns>
    internal static bool WaitForAbandoned(TimeSpan timeout)
    {
        try
        {
            return Task.WaitAll(Running.Keys.ToArray(), timeout);
        }
        catch (AggregateException)
        {
            // They ended, failing as abandoned syntheses do.
            return true;
        }
    }
}
