using System.Diagnostics;

namespace MnistEmr.Stacks.Tests.Support;

/// <summary>Runs a real program to completion and captures what it printed.</summary>
public static class ProcessRunner
{
    /// <summary>What a finished process left.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Fails the test, showing the output, unless the process exited with 0.</summary>
        public Result EnsureSuccess(string what)
        {
            Assert.That(ExitCode, Is.Zero, $"{what} failed with {ExitCode}:\n{Stdout}\n{Stderr}");
            return this;
        }
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish in time");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Whether a program is on the PATH.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
