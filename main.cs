using HashiCorp.Cdktf;
using MnistEmr.Common.Cli;
using Pipeline.Stacks;
using Pipeline.Stacks.Configuration;

// Synthesizes the pipeline's Terraform into cdktf.out/. Settings come from MNIST_EMR_* environment variables, then
// the cdktf context (cdktf.json's "context", read by StackContext exactly as `cdktf synth` and the review read it;
// see README.md); an invalid one stops synthesis with a message naming it.
// jsii's Node.js child prints an end-of-life banner on every run under Node 20 (the variable lists the major
// versions to keep quiet about); it says nothing about this app.
if (Environment.GetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION") is null)
    Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");

// cdktf creates its output folder but not the folders above it (cdktf synth --output a/b).
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Environment.GetEnvironmentVariable("CDKTF_OUTDIR") ?? "cdktf.out"))!);

try
{
    // `dotnet run --project pipeline.csproj -- readme-settings` rewrites README.md's settings table from
    // stacks/Configuration/PipelineSettings.cs instead of synthesizing; cdktf runs the app with no arguments.
    if (args is [SettingsTable.Command])
    {
        ReadmeSettingsCommand.Run(Directory.GetCurrentDirectory(), Console.Error);
        return (int)ExitCode.Success;
    }

    // The settings are read before the App exists: cdktf's App parses CDKTF_CONTEXT_JSON itself and would fail on a
    // malformed one with a JavaScript stack trace instead of this message.
    var repository = Directory.GetCurrentDirectory();
    foreach (var warning in PipelineConfigReader.UnknownVariables(Environment.GetEnvironmentVariables().Keys.Cast<string>()))
        Console.Error.WriteLine($"warning: {warning}");
    var config = StackContext.ReadConfig(repository, Environment.GetEnvironmentVariable).WithPublishedJob(repository);
    if (config.JobArtifactPath is null)
        Console.Error.WriteLine($"note: no EMR job package ({PipelineConfig.PublishedJobPackage}): the cluster gets no bootstrap action "
            + "and no steps; build it with scripts/publish-job.sh, or set MNIST_EMR_JOB_ARTIFACT_PATH");
    var app = new App();
    new PipelineStack(app, config, repository);
    app.Synth();
}
catch (Exception e) when (e is InvalidPipelineConfigException or FileNotFoundException or InvalidDataException)
{
    // The same one-line shape and exit code (2) as the other tools' usage errors.
    Console.Error.WriteLine($"error: {e.Message}");
    return (int)ExitCode.UsageError;
}
return (int)ExitCode.Success;
