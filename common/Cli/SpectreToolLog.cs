using Spectre.Console;

namespace MnistEmr.Common.Cli;

/// <summary>Live progress bars on an interactive terminal (stderr), one per counter.</summary>
internal sealed class SpectreToolLog(IAnsiConsole console, ProgressContext context) : IToolLog
{
    /// <inheritdoc />
    public void Info(string message) => console.MarkupLine(Markup.Escape(message));

    /// <inheritdoc />
    public IProgressCounter Counter(string description, long total, ProgressUnit unit = ProgressUnit.Items) =>
        new BarCounter(context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1)));

    private sealed class BarCounter(ProgressTask task) : IProgressCounter
    {
        public void Add(long amount) => task.Increment(amount);

        public void Report(long value) => task.Value = value;

        public void Dispose() => task.StopTask();
    }
}
