using System.Diagnostics;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace MnistEmr.Tests.Shared.Jsii;

/// <summary>How a synthesizing tool is interrupted: which signal, sent to whom.</summary>
public enum Interruption
{
    /// <summary>Ctrl-C: the terminal sends SIGINT to the whole foreground process group, jsii's Node.js children too.</summary>
    CtrlC,

    /// <summary><c>kill -TERM &lt;pid&gt;</c>: SIGTERM to the tool alone, as a supervisor or a CI runner stops it.</summary>
    SigTerm,

    /// <summary><c>kill -INT &lt;pid&gt;</c>: SIGINT to the tool alone.</summary>
    SigInt,
}

/// <summary>When in a synthesis the signal is sent, judged from what jsii leaves in the tool's temporary folder.</summary>
public enum SynthesisPoint
{
    /// <summary>jsii's kernel has just started (both of its Node.js processes have written their pid).</summary>
    KernelStarted,

    /// <summary>jsii is loading the AWS provider's package (48 MB; its tarball has just been unpacked).</summary>
    ProviderLoading,

    /// <summary>A second and a half after that: the stack's constructs are being built.</summary>
    BuildingConstructs,
}

/// <summary>
/// Starts a synthesizing tool (the app or the review) as a real process with a temporary folder of the test's own,
/// interrupts it at a point of its synthesis, and reports how it ended: exit code, stderr, and what is left in the
/// temporary folder and of jsii's Node.js processes.
/// </summary>
public static class SynthesisInterruption
{
    private const int SigIntNumber = 2;
    private const int SigTermNumber = 15;

    /// <summary>How the interrupted tool ended.</summary>
    /// <param name="ExitCode">Its exit code.</param>
    /// <param name="Stderr">All it wrote to stderr.</param>
    /// <param name="TempEntries">What is left in its temporary folder (jsii's files, .NET's diagnostic pipes).</param>
    /// <param name="NodeProcesses">Node.js processes still running from that folder.</param>
    public sealed record Outcome(int ExitCode, string Stderr, IReadOnlyList<string> TempEntries, IReadOnlyList<string> NodeProcesses)
    {
        /// <summary>The lines starting with <c>error:</c>.</summary>
        public IReadOnlyList<string> ErrorLines => Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();

        /// <summary>
        /// Asserts the tool ended as a cancelled synthesis must: exit 130, one error line starting with
        /// <paramref name="error"/>, no unhandled exception, nothing left in its temporary folder and no Node.js process.
        /// </summary>
        public void AssertCancelledCleanly(string error)
        {
            Assert.That(ExitCode, Is.EqualTo(130), Stderr);
            Assert.That(ErrorLines, Has.Count.EqualTo(1), Stderr);
            Assert.That(ErrorLines[0], Does.StartWith(error));
            Assert.That(Stderr, Does.Not.Contain("Unhandled exception").And.Not.Contain("JsiiError"));
            Assert.That(TempEntries, Is.Empty, "jsii's temporary folder (and every other temporary file) is removed");
            Assert.That(NodeProcesses, Is.Empty, "jsii's Node.js processes are ended");
        }
    }

    /// <summary>Runs <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> and interrupts it at <paramref name="point"/>.</summary>
    /// <param name="dll">The tool's built assembly.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="temp">An empty folder made its TMPDIR.</param>
    /// <param name="interruption">The signal and who gets it.</param>
    /// <param name="point">When.</param>
    /// <param name="environment">More variables for it.</param>
    public static Outcome Run(string dll, IEnumerable<string> arguments, string workingDirectory, string temp,
        Interruption interruption, SynthesisPoint point, IReadOnlyDictionary<string, string>? environment = null)
    {
        // setsid makes the tool a process group of its own (it execs, so the pid is the group's), as a shell with job
        // control makes a foreground job; a Ctrl-C then reaches exactly the tool and its children. env
        // --default-signal=INT (GNU coreutils 8.31+): a test run started in the background by a non-interactive shell
        // has SIGINT ignored (POSIX, asynchronous lists), the tool would inherit that, and .NET leaves a SIGINT ignored
        // at start ignored (dotnet/runtime pal_signal.c, InstallSignalHandler with skipWhenSigIgn).
        var start = new ProcessStartInfo("setsid", ["env", "--default-signal=INT", "dotnet", dll, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TMPDIR"] = temp, ["DOTNET_NOLOGO"] = "1" },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var tool = Process.Start(start)!;
        _ = tool.StandardOutput.ReadToEndAsync();
        var stderr = tool.StandardError.ReadToEndAsync();

        var reached = WaitFor(() => Reached(temp, point), tool, TimeSpan.FromMinutes(2));
        if (!reached)
        {
            if (!tool.HasExited)
                tool.Kill(entireProcessTree: true);
            tool.WaitForExit();
            Assert.Fail($"the synthesis never reached {point}; the tool ended with {(tool.HasExited ? tool.ExitCode : -1)}: {stderr.Result}");
        }
        if (point == SynthesisPoint.BuildingConstructs)
            Thread.Sleep(1500);

        var sent = interruption switch
        {
            Interruption.CtrlC => Kill(-tool.Id, SigIntNumber),
            Interruption.SigTerm => Kill(tool.Id, SigTermNumber),
            _ => Kill(tool.Id, SigIntNumber),
        };
        Assert.That(sent, Is.Zero, "signal sent");
        if (!tool.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            tool.Kill(entireProcessTree: true);
            Assert.Fail($"the tool did not exit within 60 s of {interruption}: {stderr.Result}");
        }
        tool.WaitForExit();
        // A Node.js process killed a moment ago may still be listed until it is reaped.
        var nodes = NodesUnder(temp);
        for (var clock = Stopwatch.StartNew(); nodes.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(5); nodes = NodesUnder(temp))
            Thread.Sleep(100);
        return new Outcome(tool.ExitCode, stderr.Result,
            Directory.EnumerateFileSystemEntries(temp, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(temp, e)).ToArray(), nodes);
    }

    private static bool Reached(string temp, SynthesisPoint point)
    {
        var jsii = Directory.EnumerateDirectories(temp, "mnist-pipeline-jsii-*").FirstOrDefault();
        if (jsii is null)
            return false;
        if (point == SynthesisPoint.KernelStarted)
        {
            var pids = Path.Combine(jsii, "jsii-child.pid");
            return File.Exists(pids) && File.ReadAllLines(pids).Count(l => l.Length > 0) >= 2;
        }
        return Directory.EnumerateFiles(jsii, "HashiCorp.Cdktf.Providers.Aws.*.tgz", SearchOption.AllDirectories).Any();
    }

    private static bool WaitFor(Func<bool> probe, Process tool, TimeSpan timeout)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout && !tool.HasExited; Thread.Sleep(20))
        {
            if (probe())
                return true;
        }
        return false;
    }

    // Node.js processes whose command line names the folder: jsii's children run their code from there.
    private static IReadOnlyList<string> NodesUnder(string temp)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (commandLine.Contains(temp, StringComparison.Ordinal) && !stat.Split(") ")[1].StartsWith('Z'))
                    found.Add($"{Path.GetFileName(dir)} {commandLine}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile, or another user's.
            }
        }
        return found;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
