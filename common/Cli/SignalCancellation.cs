using System.Runtime.InteropServices;

namespace MnistEmr.Common.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into cancellation for as long as a tool runs, so its work stops where it can
/// clean up (temporary files, Terraform's child processes) and the host prints one line and exits 130. Without it,
/// the runtime ends the process at once on SIGTERM (exit 143), skipping every <c>finally</c>; and System.CommandLine's
/// own handler, which the host turns off, stops waiting after a timeout. A second signal ends the process at once,
/// should the tool be stuck.
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly PosixSignalRegistration[] registrations;
    private int signal;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    /// <param name="cancel">Another reason to stop, e.g. a test's token.</param>
    public SignalCancellation(CancellationToken cancel = default)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        registrations = [Listen(PosixSignal.SIGINT), Listen(PosixSignal.SIGTERM)];
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The first signal's name (<c>SIGINT</c> or <c>SIGTERM</c>), or null when none arrived.</summary>
    public string? SignalName => (PosixSignal)signal switch
    {
        0 => null,
        PosixSignal.SIGTERM => "SIGTERM",
        _ => "SIGINT",
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private PosixSignalRegistration Listen(PosixSignal posixSignal) =>
        PosixSignalRegistration.Create(posixSignal, context =>
        {
            // PosixSignal values are negative; 0 means none yet. A second signal ends the process as usual.
            if (Interlocked.CompareExchange(ref signal, (int)posixSignal, 0) != 0)
            {
                return;
            }

            // Keep the runtime from ending the process: the tool ends itself once its work has stopped.
            context.Cancel = true;
            source.Cancel();
        });
}
