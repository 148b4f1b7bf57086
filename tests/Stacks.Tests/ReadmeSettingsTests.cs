namespace MnistEmr.Stacks.Tests;

/// <summary>docs/configuration.md's settings table is the one <see cref="PipelineSettings"/> generates.</summary>
[TestFixture]
public class ReadmeSettingsTests
{
    private const string Regenerate =
        "docs/configuration.md's settings table differs from stacks/Configuration/PipelineSettings.cs; regenerate it with "
        + "`dotnet run --project pipeline.csproj -- " + SettingsTable.Command + "` at the repository root";

    private static string Readme => File.ReadAllText(Repository.PathOf(ReadmeSettingsCommand.ReadmeFile));

    [Test]
    public void Readme_SettingsTable_IsTheOneTheSettingsGenerate()
    {
        Assert.That(SettingsTable.Current(Readme), Is.EqualTo(SettingsTable.Markdown()), Regenerate);
    }

    [Test]
    public void Markdown_EverySetting_OneRowInTheTablesOrderWithItsVariableAndDefault()
    {
        var rows = SettingsTable.Markdown().Split('\n', StringSplitOptions.RemoveEmptyEntries)[2..];
        Assert.That(rows.Select(r => r.Split(" | ")[0].TrimStart('|', ' ').Trim('`')), Is.EqualTo(PipelineSettings.All.Select(s => s.Key)));
        Assert.That(rows, Does.Contain($"| `coreInstanceCount` | `MNIST_EMR_CORE_INSTANCE_COUNT` | `{MnistEmr.Contract.SparkSizing.DefaultCoreInstanceCount}` | core nodes, 1–100 |"));
        Assert.That(rows, Does.Contain("| `availabilityZone` | `MNIST_EMR_AVAILABILITY_ZONE` | AWS picks | zone of the subnet, e.g. `us-east-1a` |"));
    }

    [Test]
    public void Markdown_PipeInADescription_IsEscaped()
    {
        var setting = Setting.Of("flag", SettingTypes.Flag, false, c => c.ForceDestroy, (c, v) => c with { ForceDestroy = v }, "a | b");
        Assert.That(SettingsTable.Markdown([setting]), Does.EndWith("| `flag` | `MNIST_EMR_FLAG` | `false` | a \\| b |\n"));
    }

    [Test]
    public void Current_EditedReadme_DiffersAndReplaceRestoresItKeepingTheRest()
    {
        var readme = Readme;
        var edited = readme.Replace("| core nodes, 1–100 |", "| core nodes, 1–200 |", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(readme), "the row to edit is in the README");

        Assert.That(SettingsTable.Current(edited), Is.Not.EqualTo(SettingsTable.Markdown()));
        Assert.That(SettingsTable.Replace(edited, SettingsTable.Markdown()), Is.EqualTo(readme));
    }

    [TestCase("")]
    [TestCase(SettingsTable.Begin)]
    [TestCase(SettingsTable.End + "\n" + SettingsTable.Begin)]
    [TestCase(SettingsTable.Begin + "\n" + SettingsTable.End + "\n" + SettingsTable.End)]
    public void Replace_MarkersMissingOrOutOfOrder_FailsNamingThem(string readme)
    {
        var error = Assert.Throws<InvalidDataException>(() => SettingsTable.Replace(readme, SettingsTable.Markdown()));
        Assert.That(error!.Message, Does.Contain(SettingsTable.Begin).And.Contain(SettingsTable.End));
    }

    [Test]
    [Category("Cli")]
    public void DotnetRunReadmeSettings_EditedTable_RewritesItAndExitsZero()
    {
        var readme = Readme;
        using var root = new ScratchRoot(readme.Replace("| core nodes, 1–100 |", "| core nodes |", StringComparison.Ordinal));

        var run = RunSettingsCommand(root.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
        Assert.That(run.Stderr, Does.Contain("settings table rewritten"));
        Assert.That(File.ReadAllText(root.Readme), Is.EqualTo(readme));
        Assert.That(TempFolder.ListFiles(root.Path), Is.EqualTo(new[] { ReadmeSettingsCommand.ReadmeFile }), "nothing synthesized");
    }

    [Test]
    [Category("Cli")]
    public void DotnetRunReadmeSettings_NoMarkers_ExitsTwoWithOneErrorLine()
    {
        using var root = new ScratchRoot("# no table\n");

        var run = RunSettingsCommand(root.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stdout + run.Stderr);
        Assert.That(run.Stderr.Trim(), Does.StartWith("error: ").And.Contain(SettingsTable.Begin).And.Not.Contain("\n"));
    }

    [Test]
    public void Run_ReadmeWithoutMarkers_FailsNamingTheFileAndLeavesItAlone()
    {
        using var root = new ScratchRoot("# no table\n");

        var error = Assert.Throws<InvalidDataException>(() => ReadmeSettingsCommand.Run(root.Path, TextWriter.Null));
        Assert.That(error!.Message, Does.StartWith(root.Readme).And.Contain(SettingsTable.Begin));
        Assert.That(File.ReadAllText(root.Readme), Is.EqualTo("# no table\n"));
    }

    [Test]
    public void Run_TableUpToDate_LeavesTheFileUntouched()
    {
        using var root = new ScratchRoot(Readme);
        var written = DateTime.UtcNow.AddDays(-1);
        File.SetLastWriteTimeUtc(root.Readme, written);
        var log = new StringWriter();

        ReadmeSettingsCommand.Run(root.Path, log);

        Assert.That(log.ToString(), Does.Contain("up to date"));
        Assert.That(File.GetLastWriteTimeUtc(root.Readme), Is.EqualTo(written));
    }

    /// <summary><c>dotnet run --project pipeline.csproj -- readme-settings</c> in <paramref name="root"/>.</summary>
    private static ProcessRunner.Result RunSettingsCommand(string root) =>
        ProcessRunner.Run("dotnet", BuiltProject.App.DotnetRun(SettingsTable.Command), root,
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

    /// <summary>A folder of its own in the run's folder that holds only <see cref="ReadmeSettingsCommand.ReadmeFile"/>, with the
    /// given text; deleted on dispose.</summary>
    private sealed class ScratchRoot : IDisposable
    {
        public ScratchRoot(string readme)
        {
            Path = TestRunFolder.NewFolder("readme-settings");
            Readme = System.IO.Path.Combine(Path, ReadmeSettingsCommand.ReadmeFile);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Readme)!);
            File.WriteAllText(Readme, readme);
        }

        public string Path { get; }

        public string Readme { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
