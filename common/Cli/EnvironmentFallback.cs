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
    /// Makes <paramref name="option"/> fall back to its variable (<see cref="VariableOf"/>) when it is not on the
    /// command line, and says so in its help. A variable that does not convert to the option's type is a parse
    /// error naming the variable (exit 2), as a bad value on the command line is.
    /// </summary>
    /// <param name="option">A string, number, decimal or flag option.</param>
    /// <param name="tool">The tool's part of the variable's name.</param>
    /// <param name="getVariable">Reads an environment variable (<see cref="ToolEnvironment.GetVariable"/>).</param>
    public static Option<T> FromEnvironment<T>(this Option<T> option, string tool, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(getVariable);
        var variable = VariableOf(tool, option.Name);
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

            result.AddError($"{variable} must be {expected}; got '{text}'");
            return fallback is null ? default! : fallback(result);
        };
        option.Description = $"{option.Description} [env: {variable}]";
        return option;
    }

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
            // The shells' usual spellings of a flag; anything else is a mistake worth stopping for.
            expected = "1, true, 0 or false";
            converted = text.ToLowerInvariant() switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                _ => null,
            };
        }
        else
        {
            throw new NotSupportedException($"no environment fallback for options of type {typeof(T).Name}");
        }

        value = converted is null ? default! : (T)converted;
        return converted is not null;
    }
}
