using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MnistEmr.Common.Cli;

/// <summary>
/// One naming scheme for every tool's environment variables: <c>MNIST_&lt;PART&gt;_&lt;NAME&gt;</c>, the name in upper
/// snake case. The stack's settings are <c>MNIST_EMR_&lt;KEY&gt;</c> (<c>coreInstanceCount</c> is
/// <c>MNIST_EMR_CORE_INSTANCE_COUNT</c>); a tool's option is <c>MNIST_&lt;TOOL&gt;_&lt;OPTION&gt;</c>
/// (<c>--timeout</c> of the job is <c>MNIST_JOB_TIMEOUT</c>). An option given on the command line wins over its
/// variable, and the variable over the option's default; an empty variable counts as unset.
/// </summary>
public static class EnvironmentFallback
{
    /// <summary>What every variable of the project starts with.</summary>
    public const string Prefix = "MNIST_";

    /// <summary>The variable of a tool's option: <c>("JOB", "--s3-endpoint")</c> is <c>MNIST_JOB_S3_ENDPOINT</c>.</summary>
    /// <param name="tool">The tool's part of the name, e.g. <c>LOADER</c>, <c>JOB</c>, <c>REVIEW</c>.</param>
    /// <param name="optionName">The option's long name, dashes included.</param>
    public static string VariableOf(string tool, string optionName) =>
        Prefix + tool + "_" + optionName.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    /// <summary>
    /// The variable of a tool's repeatable option, which holds a list: the option's variable in the plural
    /// (<c>("LOADER", "--mirror")</c> is <c>MNIST_LOADER_MIRRORS</c>), its items separated by white space or commas.
    /// </summary>
    /// <param name="tool">The tool's part of the name.</param>
    /// <param name="optionName">The option's long name, dashes included.</param>
    public static string ListVariableOf(string tool, string optionName) => VariableOf(tool, optionName) + "S";

    /// <summary>
    /// Makes <paramref name="option"/> fall back to its variable (<see cref="VariableOf"/>, or
    /// <see cref="ListVariableOf"/> for a <c>string[]</c> option) when it is not on the command line, and says so in
    /// its help. A variable that does not convert to the option's type is a parse error naming the variable (exit 2),
    /// as a bad value on the command line is; with <paramref name="refuseWhileParsing"/> false it leaves the option at
    /// its default instead, and the tool refuses it when it runs (<see cref="ProblemOf"/>).
    /// </summary>
    /// <param name="option">A string, number, decimal, flag or string-list option.</param>
    /// <param name="tool">The tool's part of the variable's name.</param>
    /// <param name="getVariable">Reads an environment variable (<see cref="ToolEnvironment.GetVariable"/>).</param>
    /// <param name="refuseWhileParsing">Whether a bad value is a parse error (the default) or left to the tool.</param>
    public static Option<T> FromEnvironment<T>(this Option<T> option, string tool, Func<string, string?> getVariable, bool refuseWhileParsing = true)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(getVariable);
        var variable = VariableFor(option, tool);
        var fallback = option.DefaultValueFactory;
        option.DefaultValueFactory = result =>
        {
            var text = getVariable(variable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback is null ? default! : fallback(result);
            }

            if (TryConvert(text.Trim(), out T value, out var expected))
            {
                return value;
            }

            if (refuseWhileParsing)
            {
                result.AddError(new VariableProblem(variable, text, expected).ToString());
            }

            return fallback is null ? default! : fallback(result);
        };
        option.Description = $"{option.Description} [env: {variable}]";
        return option;
    }

    /// <summary>
    /// What is wrong with the variable behind <paramref name="option"/>, or null when it is unset, blank or converts:
    /// for a tool that refuses a bad value when it runs rather than while parsing.
    /// </summary>
    /// <param name="option">The option, as given to <see cref="FromEnvironment"/>.</param>
    /// <param name="tool">The tool's part of the variable's name.</param>
    /// <param name="getVariable">Reads an environment variable.</param>
    public static VariableProblem? ProblemOf<T>(Option<T> option, string tool, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(getVariable);
        var variable = VariableFor(option, tool);
        var text = getVariable(variable);
        return string.IsNullOrWhiteSpace(text) || TryConvert(text.Trim(), out T _, out var expected)
            ? null
            : new VariableProblem(variable, text, expected);
    }

    /// <summary>The variable behind <paramref name="option"/>: its list variable for a <c>string[]</c> option.</summary>
    internal static string VariableFor<T>(Option<T> option, string tool) =>
        typeof(T) == typeof(string[]) ? ListVariableOf(tool, option.Name) : VariableOf(tool, option.Name);

    private static bool TryConvert<T>(string text, out T value, out string expected)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object? converted = null;
        if (type == typeof(string))
        {
            expected = "text";
            converted = text;
        }
        else if (type == typeof(int))
        {
            expected = "a whole number";
            converted = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
        }
        else if (type == typeof(decimal))
        {
            expected = "a number";
            converted = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;
        }
        else if (type == typeof(bool))
        {
            // The project's one list of flag words (the stack's settings take the same); anything else is a
            // mistake worth stopping for.
            expected = FlagWords.Expected;
            converted = FlagWords.TryParse(text);
        }
        else if (type == typeof(string[]))
        {
            expected = "a list separated by spaces or commas";
            converted = text.Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        else
        {
            throw new NotSupportedException($"no environment fallback for options of type {typeof(T).Name}");
        }

        value = converted is null ? default! : (T)converted;
        return converted is not null;
    }
}

/// <summary>An environment variable whose value does not convert to its option's type.</summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Text">Its value as set.</param>
/// <param name="Expected">What the option takes, e.g. "a whole number".</param>
public sealed record VariableProblem(string Variable, string Text, string Expected)
{
    /// <summary>The error line every tool shows while parsing: "VARIABLE must be EXPECTED; got 'TEXT'".</summary>
    public override string ToString() => $"{Variable} must be {Expected}; got '{Text}'";
}
