namespace MnistEmr.Stacks.Tests;

/// <summary>
/// scripts/setup.sh as the README uses it: sourced once per shell (". scripts/setup.sh"), and sourced by the
/// repository's own strict scripts. Each case is a literal bash command line run in the repository.
/// </summary>
[TestFixture]
[Category("Cli")]
public class SetupScriptTests
{
    private string _scratch = "";

    [OneTimeSetUp]
    public void CreateScratch() => _scratch = TestRunFolder.NewFolder("setup");

    private static ProcessRunner.Result Bash(string commandLine, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.Run("bash", ["-c", commandLine], Repository.Root, environment);

    [Test]
    public void Sourced_InAnInteractiveShell_ALaterFailingCommandDoesNotCloseIt()
    {
        var result = Bash(@"printf '. scripts/setup.sh\nls /nonexistent\necho survived\n' | bash -i");

        Assert.That(result.Stdout, Does.Contain("survived"), result.Stderr);
    }

    [Test]
    public void Sourced_LeavesTheCallersShellOptionsAsTheyWereAndExportsTheSettings()
    {
        var result = Bash(@"before=$(set +o); . scripts/setup.sh >/dev/null 2>&1; after=$(set +o)
            [ ""$before"" = ""$after"" ] && echo options-unchanged || diff <(echo ""$before"") <(echo ""$after"")
            echo ""TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE""");

        Assert.That(result.Stdout, Does.Contain("options-unchanged"), result.Stdout + result.Stderr);
        Assert.That(result.Stdout, Does.Contain($"TF_CLI_CONFIG_FILE={Repository.PathOf(".work", "terraform", "cli.tfrc")}"));
    }

    [Test]
    public void Sourced_AStepFails_ReturnsNonZeroAndTheShellGoesOn()
    {
        var result = Bash(@". scripts/setup.sh; echo ""status=$?""; echo survived", ToolsMissing());

        Assert.That(result.Stdout, Does.Contain("status=1").And.Contain("survived"), result.Stderr);
        Assert.That(result.Stderr, Does.Contain("setup: 'dotnet' is not on the PATH"));
    }

    [Test]
    public void Sourced_ByAStrictScript_AFailingStepStopsThatScript()
    {
        // scripts/test.sh and run.sh use set -euo pipefail and rely on a failed set-up stopping them.
        var result = Bash(@"set -euo pipefail; . scripts/setup.sh; echo went-on", ToolsMissing());

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stdout, Does.Not.Contain("went-on"));
    }

    [Test]
    public void Run_AsAProgram_SetsUpAndExitsZero()
    {
        var result = Bash("bash scripts/setup.sh");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(File.Exists(Repository.PathOf(".work", "terraform", "cli.tfrc")), Is.True);
    }

    // A PATH with bash and dirname but none of the tools setup.sh requires, so its first step fails.
    private Dictionary<string, string> ToolsMissing()
    {
        var bin = Path.Combine(_scratch, "bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "bash", "dirname" })
        {
            var link = Path.Combine(bin, tool);
            if (!File.Exists(link))
                File.CreateSymbolicLink(link, Located(tool));
        }
        return new Dictionary<string, string> { ["PATH"] = bin };
    }

    private static string Located(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).First(File.Exists);
}
