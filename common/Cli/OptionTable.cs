using System.CommandLine;

namespace MnistEmr.Common.Cli;

/// <summary>
/// A tool's options declared once: each is added here as it is declared, which applies its environment fallback
/// (<see cref="EnvironmentFallback"/>) in this one place and keeps the list a command adds, in declaration order.
/// </summary>
/// <param name="tool">The tool's part of its variables' names, e.g. <c>LOADER</c>.</param>
/// <param name="getVariable">Reads an environment variable (<see cref="ToolEnvironment.GetVariable"/>).</param>
/// <param name="refuseWhileParsing">
/// Whether a variable that does not convert is a parse error (the default), or left for the tool to refuse when it
/// runs (<see cref="FirstProblem"/>).
/// </param>
public sealed class OptionTable(string tool, Func<string, string?> getVariable, bool refuseWhileParsing = true)
{
    private readonly List<Option> options = [];
    private readonly List<Func<VariableProblem?>> problems = [];

    /// <summary>The options, in the order they were added.</summary>
    public IReadOnlyList<Option> All => options;

    /// <summary>Gives <paramref name="option"/> its environment fallback and adds it to the table; returns it.</summary>
    public Option<T> Add<T>(Option<T> option)
    {
        options.Add(option.FromEnvironment(tool, getVariable, refuseWhileParsing));
        problems.Add(() => EnvironmentFallback.ProblemOf(option, tool, getVariable));
        return option;
    }

    /// <summary>
    /// As <see cref="Add{T}(Option{T})"/>, with a range check run while parsing that names where the value came from:
    /// the option when it is on the command line, its variable when it stands in for it (a bad
    /// <c>MNIST_REVIEW_RUN_HOURS</c> is reported as that variable, not as an option the user never typed).
    /// </summary>
    /// <param name="option">The option.</param>
    /// <param name="problem">
    /// Given the name to report (the option's or its variable's) and the value: null for a good value, else the one
    /// error line, e.g. "--run-hours must be ...; got 0".
    /// </param>
    public Option<T> Add<T>(Option<T> option, Func<string, T, string?> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Add(option);
        var variable = EnvironmentFallback.VariableFor(option, tool);
        // A value the option makes for itself is a default (checked by its own tests) unless the variable gave it.
        return option.Check(
            value => problem(option.Name, value),
            value => string.IsNullOrWhiteSpace(getVariable(variable)) ? null : problem(variable, value));
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The first option's variable, in table order, that does not convert to the option's type; null when none.</summary>
    public VariableProblem? FirstProblem() => problems.Select(problem => problem()).FirstOrDefault(problem => problem is not null);
}
