using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MnistEmr.DataLoader.Tests.Cli;

/// <summary>
/// Ctrl-C and SIGTERM sent to the real loader process mid-download: one line, the documented code 130 for both, and
/// neither a partial download in the temporary folder nor a partial file at the target.
/// </summary>
[TestFixture]
public sealed class LoaderSignalTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [TestCase(SigInt)]
    [TestCase(SigTerm)]
    public async Task Run_SignalledMidDownload_Exits130WithOneLineAndLeavesNoTempFileOrPartialFile(int signal)
    {
        await using var server = await MirrorServer.StartAsync();
        using var temp = new TempFolder();
        var dataset = TestDataset.Mnistlike();
        server.HangMidBody("slow", dataset.Files);
        var tmp = Directory.CreateDirectory(temp.Sub("tmp")).FullName;
        var target = temp.Sub("target");
        // Through env --default-signal=INT (GNU coreutils 8.31+; env execs, so the pid is the loader's): a test run
        // started in the background by a non-interactive shell has SIGINT ignored (POSIX, asynchronous lists), the
        // child would inherit that, and .NET leaves a SIGINT ignored at start ignored (dotnet/runtime pal_signal.c,
        // InstallSignalHandler with skipWhenSigIgn). The loader then starts as a terminal would start it.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "mnist-data-loader.dll"), "--target", target, "--dataset", dataset.WriteDefinition(temp.Path), "--mirror", server.MirrorUrl("slow") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            // Directory.CreateTempSubdirectory honours TMPDIR: the loader's downloads land where the test can see them.
            Environment = { ["TMPDIR"] = tmp },
        };
        using var loader = Process.Start(start)!;
        var stderr = loader.StandardError.ReadToEndAsync();

        var deadline = Stopwatch.StartNew();
        while ((server.RequestCount("slow") == 0 || !Directory.EnumerateDirectories(tmp).Any()) && !loader.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        // The mirror has sent half the file and stalls: the download is under way.
        await Task.Delay(300);

        Assert.That(Directory.EnumerateDirectories(tmp, "mnist-data-loader-*").Count(), Is.EqualTo(1), "a download was under way: " + await Finished(loader, stderr));
        Assert.That(Kill(loader.Id, signal), Is.Zero, "signal sent");
        Assert.That(loader.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the loader exits after the signal");
        loader.WaitForExit();

        var error = await stderr;
        Assert.That(loader.ExitCode, Is.EqualTo(130), error);
        Assert.That(error.TrimEnd().Split('\n').Last(), Does.StartWith("error: cancelled; no partial file was left at the target"));
        Assert.That(Directory.EnumerateFileSystemEntries(tmp), Is.Empty, "the temporary download folder is removed");
        Assert.That(Directory.Exists(target) ? TempFolder.ListFiles(target) : [], Is.Empty, "nothing at the target");
    }

    private static async Task<string> Finished(Process process, Task<string> stderr) =>
        process.HasExited ? $"the loader ended with {process.ExitCode}: {await stderr}" : "the loader is running";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
