using MnistEmr.Common.Cli;
using MnistJob.Cli;

return await JobCli.RunAsync(args, ToolEnvironment.FromConsole(readsRows: true));
