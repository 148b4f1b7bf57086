using DataLoader.Cli;
using MnistEmr.Common.Cli;

return await LoaderCli.RunAsync(args, ToolEnvironment.FromConsole());
