using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MnistEmr.Bench;

// Before anything loads LightGBM, whose OpenMP runtime reads its wait policy once, when it is loaded.
OpenMpWaitPolicy.Apply();

// mnist-emr-bench prepare-sample|bench|read|cpu-load|cv|inference|fixture|micro: see README.md beside this file.
if (args.Length > 0 && (BenchCli.Commands.Contains(args[0]) || args[0] is "--help" or "-h" or "--version"))
{
    return await BenchCli.RunAsync(args, ToolEnvironment.FromConsole());
}

if (args.Length == 0 || args[0] is not ("cv" or "inference" or "fixture" or "micro"))
{
    Console.Error.WriteLine("usage: mnist-emr-bench prepare-sample|bench|read|cpu-load [options] | cv|inference|fixture --sample DIR [options] | micro [BenchmarkDotNet options]  (see bench/README.md)");
    return 2;
}

if (args[0] == "micro")
{
    // In this process: BenchmarkDotNet's default toolchain builds a project it finds by the assembly's name, and this
    // assembly (mnist-emr-bench) is not named after its project (Bench.csproj), so it found none and ran nothing.
    // AsDefault applies the toolchain to every job, --job on the command line included.
    var inProcess = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..], inProcess);
    return 0;
}

var options = new Arguments(args[1..]);
if (args[0] == "fixture")
{
    return await FixtureCommand.RunAsync(options.Text("sample", ".work/sample"), options, Console.Out);
}

var sample = await SampleDigits.ReadAsync(options.Text("sample", ".work/sample"));
return args[0] == "cv" ? CvCommand.Run(sample, options, Console.Out) : InferenceCommand.Run(sample, options, Console.Out);
