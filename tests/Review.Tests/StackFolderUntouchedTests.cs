using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MnistEmr.Review.Tests;

/// <summary>
/// The review never writes into the stack folder it reviews, whether it ends normally or is stopped by a signal
/// mid-plan (a real child process, sent SIGTERM or SIGINT), and leaves no Terraform process behind.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class StackFolderUntouchedTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [Test]
    public void Review_Offline_LeavesTheStackFolderByteIdentical()
    {
        // The shared default stack, compared with its files as synthesis left them: after the shared offline review
        // and any other review of it this run has made so far.
        var config = new PipelineConfig();

        var run = TestReviews.Gated(config).Run;

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(TestStacks.Files(TestStacks.Synthesize(config)), Is.EqualTo(TestStacks.FilesAsSynthesized(config)), "files and SHA-256 of the stack folder");
    }

    [TestCase(SigTerm)]
    [TestCase(SigInt)]
    public void Review_SignalledMidPlan_LeavesNoOverrideAndNoTerraformProcess(int signal)
    {
        var stack = TestStacks.Synthesize(new PipelineConfig());
        var before = TestStacks.Files(stack);
        var output = Invocation.OutputFolder();
        using var review = StartReview("--stack-dir", stack, "--offline", "--out", output);

        // Mid-plan: the AWS provider (named by its first 15 characters in /proc) runs below the review.
        var terraform = WaitFor(() => Descendants(review.Id) is var tree && tree.Any(p => Name(p) == "terraform-provi") ? tree : null,
            TimeSpan.FromMinutes(2)) ?? throw new AssertionException("terraform plan never started the AWS provider");
        Assert.That(Kill(review.Id, signal), Is.Zero, "signal sent");

        Assert.That(review.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the review exits after the signal");
        review.WaitForExit();
        Assert.That(review.ExitCode, Is.EqualTo(130), "cancelled by either signal: 130, the code every tool documents for it");
        Assert.That(File.Exists(Path.Combine(stack, "zz_review_offline_override.tf.json")), Is.False, "no override left in the stack folder");
        Assert.That(TestStacks.Files(stack), Is.EqualTo(before), "the stack folder is as synthesized");
        // A process killed a moment ago may still be listed until its parent reaps it.
        WaitFor(() => terraform.Any(Alive) ? null : terraform, TimeSpan.FromSeconds(10));
        Assert.That(terraform.Where(Alive).Select(p => $"{p} {Name(p)}"), Is.Empty, "Terraform's processes are stopped with the review");
    }

    private static Process StartReview(params string[] arguments)
    {
        var review = Path.Combine(AppContext.BaseDirectory, "mnist-pipeline-review.dll");
        // Through env --default-signal=INT (GNU coreutils 8.31+; env execs, so the pid is the review's): a test run
        // started in the background by a non-interactive shell has SIGINT ignored (POSIX, asynchronous lists), the
        // child would inherit that, and .NET leaves a SIGINT ignored at start ignored (dotnet/runtime pal_signal.c,
        // InstallSignalHandler with skipWhenSigIgn). The review then starts as a terminal would start it.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "dotnet", review, .. arguments])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        // Drained in the background so a full pipe never blocks the review.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static T? WaitFor<T>(Func<T?> probe, TimeSpan timeout) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (probe() is { } found)
                return found;
            Thread.Sleep(50);
        }
        return null;
    }

    // The processes below a process, from /proc (each process's parent is the fourth field of its stat line).
    private static int[] Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (IOException) { } // exited meanwhile
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
            foreach (var (pid, _) in parents.Where(p => p.Value == parent))
            {
                found.Add(pid);
                frontier.Enqueue(pid);
            }
        return found.ToArray();
    }

    private static string Name(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return ""; }
    }

    // Alive and not a zombie waiting for its parent to read its status.
    private static bool Alive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return false; }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
