using DataLoader.Cli;

return await LoaderCli.RunAsync(args, LoaderEnvironment.FromConsole());
