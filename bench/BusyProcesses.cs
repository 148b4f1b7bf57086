namespace MnistEmr.Bench;

/// <summary>
/// A competing CPU load: <c>count</c> real processes, each an endless shell loop that never sleeps, as other
/// executors' processes on a YARN node or other engineers' builds on a shared machine. Disposing kills them all.
/// </summary>
internal sealed class BusyProcesses : IDisposable
{
    private readonly List<Process> processes = [];

    private BusyProcesses()
    {
    }

    /// <summary>Their process ids.</summary>
    public IReadOnlyList<int> Ids => processes.Select(p => p.Id).ToList();

    /// <summary>The CPU seconds they have had so far, together.</summary>
    public double CpuSeconds => processes.Sum(p => p.HasExited ? 0 : p.TotalProcessorTime.TotalSeconds);

    /// <summary>
    /// Starts <paramref name="count"/> busy processes and returns once each has had some CPU, so that what is timed
    /// next runs against all of them.
    /// </summary>
    /// <exception cref="ToolException">When they cannot be started, or do not get to run within 30 seconds.</exception>
    public static async Task<BusyProcesses> StartAsync(int count, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw ToolException.Usage("the busy processes are /bin/sh loops: Linux or macOS only");
        }

        var load = new BusyProcesses();
        try
        {
            for (var i = 0; i < count; i++)
            {
                // ':' is a shell builtin, so the loop spins inside the shell itself: one process, all user time.
                var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "while :; do :; done" }, UseShellExecute = false };
                load.processes.Add(Process.Start(start) ?? throw ToolException.Remote("could not start /bin/sh for a busy process"));
            }

            var deadline = Stopwatch.StartNew();
            while (load.processes.Any(p => p.TotalProcessorTime == TimeSpan.Zero))
            {
                if (load.processes.FirstOrDefault(p => p.HasExited) is { } exited)
                {
                    throw ToolException.Remote($"busy process {exited.Id} exited ({exited.ExitCode}) as soon as it started");
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw ToolException.Remote($"the {count} busy processes did not all get to run within 30 s");
                }

                await Task.Delay(10, cancellationToken);
            }

            return load;
        }
        catch
        {
            load.Dispose();
            throw;
        }
    }

    /// <summary>Kills every busy process and waits for it to end.</summary>
    public void Dispose()
    {
        foreach (var process in processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already ended: nothing to kill.
            }

            process.Dispose();
        }

        processes.Clear();
    }
}
