namespace MnistEmr.Job.Tests.Contract;

/// <summary>
/// The EMR bootstrap action (bootstrap/install-job.sh) run for real with bash, with stub <c>aws</c>, <c>sudo</c>,
/// <c>ldd</c>, <c>dnf</c> and <c>rpm</c> first on the PATH: its branches for LightGBM's OpenMP runtime.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class BootstrapScriptTests
{
    [Test]
    public void Install_LibgompMissing_InstallsItWithDnfThenChecksAgain()
    {
        using var sandbox = new Sandbox(libgompPresent: false, dnfWorks: true);

        var run = sandbox.Run();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(sandbox.Calls, Does.Contain("dnf install -y -q libgomp"));
        Assert.That(run.Output, Does.Contain("libgomp is missing; installing it with dnf"));
        Assert.That(run.Output, Does.Contain("installed libgomp-11.5.0"));
        Assert.That(run.Output, Does.Contain("LightGBM's shared libraries resolve"));
        Assert.That(File.Exists(Path.Combine(sandbox.InstallDir, "mnist-emr-job")), Is.True);
    }

    [Test]
    public void Install_LibgompPresent_DoesNotCallDnf()
    {
        using var sandbox = new Sandbox(libgompPresent: true, dnfWorks: true);

        var run = sandbox.Run();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(sandbox.Calls, Does.Not.Contain("dnf"));
    }

    [Test]
    public void Install_DnfFails_FailsTheClusterStartNamingLibgomp()
    {
        using var sandbox = new Sandbox(libgompPresent: false, dnfWorks: false);

        var run = sandbox.Run();

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Does.Contain("could not install libgomp (dnf failed); LightGBM cannot load"));
    }

    [Test]
    public void Install_ChecksumMismatch_FailsBeforeInstallingAnything()
    {
        using var sandbox = new Sandbox(libgompPresent: true, dnfWorks: true);

        var run = sandbox.Run(sha256: new string('0', 64));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Does.Contain("checksum mismatch"));
        Assert.That(Directory.Exists(sandbox.InstallDir), Is.False);
    }

    private sealed class Sandbox : IDisposable
    {
        private readonly TempFolder temp = new();

        public Sandbox(bool libgompPresent, bool dnfWorks)
        {
            var bin = Directory.CreateDirectory(temp.Sub("bin")).FullName;
            var marker = temp.Sub("libgomp-installed");
            if (libgompPresent)
            {
                File.WriteAllText(marker, "");
            }

            Stub(bin, "aws", $"echo \"aws $*\" >> {CallsFile}\ncp \"$4\" \"$5\"");
            // Runs the command, except the link into /usr/local/bin, which a test must not touch.
            Stub(bin, "sudo", $"echo \"sudo $*\" >> {CallsFile}\nif [ \"$1\" = ln ]; then exit 0; fi\nexec \"$@\"");
            Stub(bin, "ldd", $"echo \"\tlibstdc++.so.6 => /usr/lib64/libstdc++.so.6\"\nif [ -f {marker} ]; then echo \"\tlibgomp.so.1 => /usr/lib64/libgomp.so.1\"; else echo \"\tlibgomp.so.1 => not found\"; fi");
            Stub(bin, "dnf", $"echo \"dnf $*\" >> {CallsFile}\n" + (dnfWorks ? $"touch {marker}" : "echo 'Error: Unable to find a match' >&2; exit 1"));
            Stub(bin, "rpm", "echo libgomp-11.5.0");

            // A package with the layout publish-job.sh makes: the executable and LightGBM's library at the root.
            var stage = Directory.CreateDirectory(temp.Sub("stage")).FullName;
            Stub(stage, "mnist-emr-job", "exit 0");
            File.WriteAllText(Path.Combine(stage, "lib_lightgbm.so"), "not really a library");
            Package = temp.Sub("job.tar.gz");
            Assert.That(Process(["tar", "-czf", Package, "-C", stage, "."]).ExitCode, Is.EqualTo(0));
            Bin = bin;
        }

        public string Bin { get; }

        public string Package { get; }

        public string InstallDir => temp.Sub("opt/mnist-emr-job");

        public string CallsFile => temp.Sub("calls.log");

        public string Calls => File.Exists(CallsFile) ? File.ReadAllText(CallsFile) : "";

        public (int ExitCode, string Output) Run(string? sha256 = null)
        {
            var script = RepositoryFiles.Find("emr-job/bootstrap/install-job.sh")!;
            Directory.CreateDirectory(temp.Sub("opt"));
            return Process(["bash", script, Package, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Package)))]);
        }

        public void Dispose() => temp.Dispose();

        private (int ExitCode, string Output) Process(string[] command)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in command[1..])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["PATH"] = $"{Bin}:/usr/bin:/bin";
            start.Environment["MNIST_EMR_INSTALL_DIR"] = InstallDir;
            using var process = System.Diagnostics.Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        private static void Stub(string folder, string name, string body)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, "#!/usr/bin/env bash\n" + body + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
