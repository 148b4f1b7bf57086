using System.Runtime.InteropServices;
using Pipeline.Review.Core;

namespace Pipeline.Review.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into cancellation of the review for as long as it runs, so Terraform is killed
/// and the scratch copy removed before the process ends. The review's action runs synchronously, and
/// System.CommandLine only installs its own signal handling once an action has returned a running task: without
/// this, a signal ended the process at once, skipping every cleanup and orphaning Terraform's provider process.
/// A second signal ends the process at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    /// <param name="cancel">Another reason to stop, e.g. the invocation's token.</param>
    public Interruption(CancellationToken cancel)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _registrations = [Listen(PosixSignal.SIGINT, ExitCode.Interrupted), Listen(PosixSignal.SIGTERM, ExitCode.Terminated)];
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code of the first signal received (130 or 143), or <see cref="ExitCode.Interrupted"/> when cancelled otherwise.</summary>
    public ExitCode ExitCode => _signal == 0 ? ExitCode.Interrupted : (ExitCode)_signal;

    /// <summary>The first signal's name, for the message.</summary>
    public string SignalName => ExitCode == ExitCode.Terminated ? "SIGTERM" : "SIGINT";

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _source.Dispose();
    }

    private PosixSignalRegistration Listen(PosixSignal signal, ExitCode code) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            // A second signal ends the process at once, as usual, should the review be stuck.
            if (Interlocked.CompareExchange(ref _signal, (int)code, 0) != 0)
                return;
            // Keep the runtime from ending the process: the review ends itself once Terraform is stopped.
            context.Cancel = true;
            _source.Cancel();
        });
}
