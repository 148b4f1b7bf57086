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
        option.Validators.Add(result =>
        {
            // A default is checked where it is made (below); a token that does not convert already has its own
            // parse error.
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

            if (problem(value) is { } message)
            {
                result.AddError(message);
            }
        });

        // System.CommandLine runs validators only for options on the command line, so a value the option makes for
        // itself is checked here: it may come from its environment variable (EnvironmentFallback, applied first),
        // and a plain default passes anyway.
        if (option.DefaultValueFactory is { } make)
        {
            option.DefaultValueFactory = result =>
            {
                var value = make(result);
                if (problem(value) is { } message)
                {
                    result.AddError($"{message} (from its environment variable)");
                }

                return value;
            };
        }

        return option;
    }
}
