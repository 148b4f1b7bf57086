using MnistEmr.Common.Cli;
using MnistEmr.Job.Shared.Cli;
using MnistEmr.Job.Shared.Model;

// Before anything loads LightGBM, whose OpenMP runtime reads its wait policy once, when it is loaded.
OpenMpWaitPolicy.Apply();
return await JobCli.RunAsync(args, ToolEnvironment.FromConsole(readsRows: true));
