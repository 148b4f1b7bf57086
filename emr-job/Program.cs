using MnistJob.Cli;

return await JobCli.RunAsync(args, JobEnvironment.FromConsole());
