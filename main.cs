using System.Reflection;
using HashiCorp.Cdktf;
using MnistEmr.Common.Cli;
using MnistEmr.Stacks;
using MnistEmr.Stacks.Configuration;

// Synthesizes the pipeline's Terraform into cdktf.out/. Settings come from MNIST_EMR_* environment variables, then
// the cdktf context (cdktf.json's "context", read by StackContext exactly as `cdktf synth` and the review read it;
// see docs/configuration.md); an invalid one stops synthesis with a message naming it.

// The app takes no arguments (cdktf.json runs it without any): --help, --version and the developers' readme-settings
// answer, anything else is refused
// rather than ignored, so `dotnet run --project pipeline.csproj -- --help` no longer synthesizes silently.
if (args is ["--help" or "-h" or "-?"])
{
    Console.Out.WriteLine(
        """
        mnist-pipeline-infra: the CDK for Terraform app of the MNIST pipeline. It synthesizes the stack's Terraform
        into cdktf.out/stacks/<stackName>/cdk.tf.json (CDKTF_OUTDIR moves cdktf.out) and says so on stdout.

        Usage:
          npx cdktf synth                          runs this app, as cdktf.json says
          dotnet run --project pipeline.csproj     the same, without the cdktf CLI
          dotnet run --project pipeline.csproj -- --help | --version
          dotnet run --project pipeline.csproj -- readme-settings   rewrites docs/configuration.md's settings table

        It takes no other arguments. Each setting comes from the first of: its MNIST_EMR_* environment variable (e.g.
        MNIST_EMR_CORE_INSTANCE_COUNT=3), the "context" of cdktf.json (e.g. "coreInstanceCount": 3), the
        CDKTF_CONTEXT_JSON the cdktf CLI passes (when cdktf.json has no context), or its default. Every setting,
        its variable and its default: docs/configuration.md#configuration.

        Exit codes: 0 synthesized; 1 unexpected error; 2 an invalid setting, named on one error: line; 130 stopped by
        SIGINT (Ctrl-C) or SIGTERM, its temporary files removed.
        """);
    return (int)ExitCode.Success;
}

if (args is ["--version"])
{
    Console.Out.WriteLine(Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
    return (int)ExitCode.Success;
}

if (args.Length > 0 && args is not [SettingsTable.Command])
{
    Console.Error.WriteLine($"error: unknown argument '{args[0]}': the app takes none; settings come from MNIST_EMR_* variables and cdktf.json's context (see --help)");
    return (int)ExitCode.UsageError;
}

// jsii's Node.js child prints an end-of-life banner on every run under Node 20 (the variable lists the major
// versions to keep quiet about); it says nothing about this app.
if (Environment.GetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION") is null)
    Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");

// cdktf creates its output folder but not the folders above it (cdktf synth --output a/b).
var outdir = Environment.GetEnvironmentVariable("CDKTF_OUTDIR") ?? "cdktf.out";
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outdir))!);

// A signal stops the synthesis where it stands (exit 130, one line), and the folder below is still deleted: the
// runtime's default would end the process at once on SIGTERM (143), skipping that cleanup.
using var signals = new SignalCancellation();
// jsii unpacks about 35 MB into the temporary folder on every run and never deletes it: gathered and deleted here,
// with jsii's Node.js child ended first.
using var jsiiTemp = JsiiTempFolder.Enter();
try
{
    // `dotnet run --project pipeline.csproj -- readme-settings` rewrites docs/configuration.md's settings table from
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
    // cdk.tf.json, or cdk.tf when the cdktf CLI asked for HCL (cdktf synth --hcl); the other format's file from an
    // earlier synthesis goes, or every later Terraform command in the folder fails on duplicates.
    // What synthesis did goes to stdout: the cdktf CLI shows the app's stdout as output but logs every stderr line
    // as "[ERROR] default - ..." (@cdktf/commons' exec), so a success said on stderr looked like a failure.
    var synthesis = InterruptibleSynthesis.Run(() =>
    {
        var app = new App();
        new PipelineStack(app, config, repository);
        app.Synth();
        return StackFolder.Tidy(outdir, config.StackName);
    }, signals.Token);
    if (synthesis.RemovalLine is { } removal)
        Console.Out.WriteLine(removal);
    Console.Out.WriteLine($"wrote {synthesis.Written}");
}
catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("error: cancelled; the synthesis stopped before it finished: run it again");
    return (int)ExitCode.Cancelled;
}
catch (Exception e) when (e is InvalidPipelineConfigException or FileNotFoundException or InvalidDataException)
{
    // The same one-line shape and exit code (2) as the other tools' usage errors.
    Console.Error.WriteLine($"error: {e.Message}");
    return (int)ExitCode.UsageError;
}
return (int)ExitCode.Success;
