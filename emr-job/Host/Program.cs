using MnistEmr.Common.Cli;
using MnistJob.Cli;
using MnistJob.Training;

// Before anything loads LightGBM, whose OpenMP runtime reads its wait policy once, when it is loaded.
OpenMpWaitPolicy.Apply();
return await JobCli.RunAsync(args, ToolEnvironment.FromConsole(readsRows: true));
