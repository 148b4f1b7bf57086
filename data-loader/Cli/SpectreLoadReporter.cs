using Spectre.Console;

namespace DataLoader.Cli;

/// <summary>Live progress bars on an interactive terminal (stderr), one per transfer.</summary>
public sealed class SpectreLoadReporter(IAnsiConsole console, ProgressContext context) : ILoadReporter
{
    /// <inheritdoc />
    public void Info(string message) => console.MarkupLine(Markup.Escape(message));

    /// <inheritdoc />
    public ITransferProgress StartTransfer(string description, long totalBytes) =>
        new Transfer(context.AddTask(Markup.Escape(description), maxValue: Math.Max(totalBytes, 1)));

    private sealed class Transfer(ProgressTask task) : ITransferProgress
    {
        public void Report(long value) => task.Value = value;

        public void Dispose() => task.StopTask();
    }
}
