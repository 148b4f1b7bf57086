using System.ComponentModel;
using System.Diagnostics;
using Amazon.JSII.Runtime.Services;

namespace MnistEmr.Stacks;

/// <summary>
/// jsii's runtime, the Node.js child every CDKTF call goes through, owned by this process: started on the first call
/// as jsii would start it, deaf to SIGINT and SIGTERM, and ended by <see cref="Dispose"/>. Left to jsii, a Ctrl-C
/// (which the terminal sends to the whole process group) killed the child while the tool was still talking to it:
/// the synthesis failed with an unexpected <c>JsiiError</c>, then jsii's own exit hook (<c>NodeProcess</c> disposes
/// its standard input on <c>ProcessExit</c>, aws/jsii <c>packages/@jsii/dotnet-runtime</c>) threw "Pipe is broken"
/// from the exit itself, an unhandled exception (exit 134, a stack trace). Owned here, the child lives until the tool
/// has decided to stop, and ending it is the tool's cleanup step, where a child that is already gone is no error.
/// </summary>
internal sealed class JsiiRuntime : IServiceProvider, IDisposable
{
    private const string NodeOptions = "NODE_OPTIONS";

    private readonly Lazy<IServiceProvider> runtime;
    private readonly string pidFile;
    private int disposed;

    private JsiiRuntime(string script, string pidFile)
    {
        runtime = new Lazy<IServiceProvider>(() => Start(script), LazyThreadSafetyMode.ExecutionAndPublication);
        this.pidFile = pidFile;
    }

    /// <summary>Makes jsii use this runtime from its first call on; nothing starts until then.</summary>
    /// <param name="folder">A folder of the process's own, for the child's start-up script and its pid.</param>
    public static JsiiRuntime Install(string folder)
    {
        var script = Path.Combine(folder, "jsii-child.cjs");
        var pidFile = Path.Combine(folder, "jsii-child.pid");
        // Loaded by the child before jsii's code (node --require), and by the kernel it starts in turn (jsii-runtime.js
        // runs lib/program.js in a second Node process, which inherits NODE_OPTIONS and gets the signals the first
        // forwards). A handler makes Node ignore the signal instead of exiting; the pids let the tool end both at
        // once, even in the middle of a call (jsii's own way, an "exit" message on the kernel's input, waits up to
        // 10 s for a kernel busy synthesizing). Should the tool die without its cleanup, the kernel still exits at
        // the end of its input.
        File.WriteAllText(script, $$"""
            process.on('SIGINT', () => {});
            process.on('SIGTERM', () => {});
            require('fs').appendFileSync({{JsonSerializer.Serialize(pidFile)}}, process.pid + '\n');

            """);
        var owned = new JsiiRuntime(script, pidFile);
        ServiceContainer.ServiceProviderOverride = owned;
        return owned;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType)
    {
        // A synthesis abandoned on a signal may still be running: once the runtime is ended, it fails at its next
        // call instead of starting a new child in a folder being deleted.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return runtime.Value.GetService(serviceType);
    }

    /// <summary>Ends the child, if it was started: killed, then jsii's side of it disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0 || !runtime.IsValueCreated)
            return;
        KillChild();
        try
        {
            (runtime.Value as IDisposable)?.Dispose();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or Win32Exception)
        {
            // The child is gone (its pipe is broken): nothing of it runs for this process any more, and jsii's exit
            // hook now finds its NodeProcess disposed and does nothing.
        }
    }

    // The kernel holds nothing to save: a synthesis has written its files before its last call returned. The kernel
    // goes first (the last pid written), then the process that started it.
    private void KillChild()
    {
        if (!File.Exists(pidFile))
            return;
        using var self = Process.GetCurrentProcess();
        foreach (var line in File.ReadAllLines(pidFile).Reverse())
        {
            if (!int.TryParse(line, out var pid))
                continue;
            try
            {
                using var child = Process.GetProcessById(pid);
                // A pid is the child's only while it runs: a Node process started after this one is it.
                if (child.ProcessName == "node" && child.StartTime >= self.StartTime)
                {
                    child.Kill();
                    child.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
            {
                // It has exited already.
            }
        }
    }

    private static IServiceProvider Start(string script)
    {
        // Only the child sees the option: it copies the environment when it starts, and later Node processes of the
        // tool (the review's Graphviz layout) must stop on a signal as usual.
        var previous = Environment.GetEnvironmentVariable(NodeOptions);
        Environment.SetEnvironmentVariable(NodeOptions, $"--require \"{script}\" {previous}".TrimEnd());
        try
        {
            // jsii's own construction (console logging, its services), which starts the child and greets its kernel.
            return ServiceContainer.BuildServiceProvider(null);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NodeOptions, previous);
        }
    }
}
