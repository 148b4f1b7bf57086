using System.CommandLine;

namespace MnistEmr.Common.Cli;

/// <summary>
/// Range checks run while parsing: a bad value is one usage line (exit 2) before any work, the same as a value
/// that does not parse at all.
/// </summary>
public static class OptionChecks
{
    /// <summary>Adds a check to <paramref name="option"/>: <paramref name="problem"/> returns null for a good value, or the error line.</summary>
    public static Option<T> Check<T>(this Option<T> option, Func<T, string?> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return option.Check(problem, value => problem(value) is { } message ? $"{message} (from its environment variable)" : null);
    }

    /// <summary>
    /// Adds a check to <paramref name="option"/> with its own wording for each source of the value:
    /// <paramref name="onCommandLine"/> for a value typed on the command line, <paramref name="madeByOption"/> for one the
    /// option makes for itself (its environment variable, applied first by <see cref="EnvironmentFallback"/>, or its
    /// default). Each returns null for a good value, or the error line.
    /// </summary>
    public static Option<T> Check<T>(this Option<T> option, Func<T, string?> onCommandLine, Func<T, string?> madeByOption)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(onCommandLine);
        ArgumentNullException.ThrowIfNull(madeByOption);
        option.Validators.Add(result =>
        {
            // A value the option made for itself is checked where it is made (below); a token that does not convert
            // already has its own parse error.
            if (result.Implicit || result.Tokens.Count == 0)
            {
                return;
            }

            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (onCommandLine(value) is { } message)
            {
                result.AddError(message);
            }
        });

        // System.CommandLine runs validators only for options on the command line, so a value the option makes for
        // itself is checked here.
        if (option.DefaultValueFactory is { } make)
        {
            option.DefaultValueFactory = result =>
            {
                var value = make(result);
                if (madeByOption(value) is { } message)
                {
                    result.AddError(message);
                }

                return value;
            };
        }

        return option;
    }
}
