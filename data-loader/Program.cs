using MnistEmr.DataLoader.Cli;

return await LoaderCli.RunAsync(args, ToolEnvironment.FromConsole());
