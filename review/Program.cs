using MnistEmr.Review.Cli;
using MnistEmr.Stacks;

// jsii's Node.js child (used when the review synthesizes) prints an end-of-life banner under Node 20.
if (Environment.GetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION") is null)
    Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");

// jsii unpacks about 35 MB into the temporary folder each time the review synthesizes and never deletes it.
using var jsiiTemp = MnistEmr.Stacks.JsiiTempFolder.Enter();
return await ReviewCli.RunAsync(args, TerminalConsole.Create(Console.Out, Console.IsOutputRedirected), Console.Error, Console.Out);
