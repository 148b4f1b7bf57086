namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// Builds a <see cref="PipelineConfig"/> from the settings of <see cref="PipelineSettings"/> given as text: an
/// environment variable (<c>MNIST_EMR_</c> and the key in upper snake case) wins over the cdktf context key of the
/// same setting, which wins over the default.
/// </summary>
public static class PipelineConfigReader
{
    /// <summary>The context keys of every setting, in the order the README lists them.</summary>
    public static IEnumerable<string> SettingKeys => PipelineSettings.All.Select(s => s.Key);

    /// <summary>
    /// Reads every setting, then validates the result.
    /// </summary>
    /// <param name="environment">Environment variables, e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="context">cdktf context values by key (<c>app.Node.TryGetContext</c>); null when unset.</param>
    /// <exception cref="InvalidPipelineConfigException">A setting is malformed or out of range; the message names each.</exception>
    public static PipelineConfig Read(Func<string, string?> environment, Func<string, object?> context)
    {
        var config = new PipelineConfig();
        var errors = new List<ConfigError>();
        foreach (var setting in PipelineSettings.All)
        {
            // An empty variable (MNIST_EMR_REGION=) counts as unset, so it never hides the context's value.
            var variable = environment(setting.EnvironmentVariable);
            var text = string.IsNullOrWhiteSpace(variable) ? ContextText(context(setting.Key)) : variable;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            try
            {
                config = setting.ReadInto(config, text.Trim());
            }
            catch (FormatException e)
            {
                errors.Add(new ConfigError(setting.Key, $"{e.Message}; got '{text}'"));
            }
        }

        // A setting whose text did not parse kept its default, so its rules would judge a value nobody gave.
        errors.AddRange(config.Validate().Where(e => errors.All(seen => seen.Setting != e.Setting)));
        return errors.Count == 0 ? config : throw new InvalidPipelineConfigException(errors);
    }

    /// <summary>
    /// The <c>MNIST_EMR_*</c> variables among <paramref name="names"/> that are neither a setting nor one of the
    /// tooling variables, each with the setting it most likely means: a misspelt variable would otherwise be ignored
    /// without a word.
    /// </summary>
    public static IReadOnlyList<string> UnknownVariables(IEnumerable<string> names)
    {
        var known = PipelineSettings.All.Select(s => s.EnvironmentVariable).ToList();
        return names
            .Where(n => n.StartsWith(Setting.EnvironmentPrefix, StringComparison.Ordinal) && !known.Contains(n) && !ToolingVariables.Contains(n))
            .Order(StringComparer.Ordinal)
            .Select(n => $"{n} is not a setting; did you mean {known.MinBy(k => Distance(n, k))}?")
            .ToList();
    }

    // Variables of the scripts and tests, not of the stack (docs/configuration.md, "Tooling settings"; scripts/test.sh).
    private static readonly HashSet<string> ToolingVariables =
        ["MNIST_EMR_CACHE", "MNIST_EMR_REQUIRE_TERRAFORM", "MNIST_EMR_REQUIRE_SERVERS", "MNIST_EMR_INSTALL_DIR"];

    // Levenshtein distance: enough to name the setting a typo meant.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>The environment variable of a setting: <c>coreInstanceCount</c> is <c>MNIST_EMR_CORE_INSTANCE_COUNT</c>.</summary>
    public static string EnvironmentVariableOf(string key) => Setting.EnvironmentVariableOf(key);

    // Context values arrive as JSON values (numbers and booleans too), so accept any scalar.
    private static string? ContextText(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
