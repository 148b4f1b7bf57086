using MnistJob.Stages;
using Spectre.Console;

namespace MnistJob.Cli;

/// <summary>Live progress bars on an interactive terminal (stderr), one per counter.</summary>
public sealed class SpectreJobLog(IAnsiConsole console, ProgressContext context) : IJobLog
{
    /// <inheritdoc />
    public void Info(string message) => console.MarkupLine(Markup.Escape(message));

    /// <inheritdoc />
    public IProgressCounter Counter(string description, long total) =>
        new BarCounter(context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1)));

    private sealed class BarCounter(ProgressTask task) : IProgressCounter
    {
        public void Add(long items) => task.Increment(items);

        public void Dispose() => task.StopTask();
    }
}
