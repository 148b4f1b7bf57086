using System.Globalization;
using System.Text;
using K = Pipeline.Stacks.Configuration.PipelineConfig.Keys;

namespace Pipeline.Stacks.Configuration;

/// <summary>
/// Builds a <see cref="PipelineConfig"/> from settings given as text: an environment variable
/// (<c>MNIST_EMR_</c> and the key in upper snake case) wins over the cdktf context key of the same setting,
/// which wins over the default.
/// </summary>
public static class PipelineConfigReader
{
    private const string EnvironmentPrefix = "MNIST_EMR_";

    private delegate PipelineConfig Apply(PipelineConfig config, string value);

    // One entry per setting: its key and how its text becomes a value. Range checks live in PipelineConfig.Validate.
    private static readonly (string Key, Apply Apply)[] Settings =
    [
        (K.StackName, (c, v) => c with { StackName = v }),
        (K.Region, (c, v) => c with { Region = v }),
        (K.NamePrefix, (c, v) => c with { NamePrefix = v }),
        (K.VpcCidr, (c, v) => c with { VpcCidr = v }),
        (K.SubnetCidr, (c, v) => c with { SubnetCidr = v }),
        (K.AvailabilityZone, (c, v) => c with { AvailabilityZone = v }),
        (K.EmrReleaseLabel, (c, v) => c with { EmrReleaseLabel = v }),
        (K.MasterInstanceType, (c, v) => c with { MasterInstanceType = v }),
        (K.CoreInstanceType, (c, v) => c with { CoreInstanceType = v }),
        (K.CoreInstanceCount, (c, v) => c with { CoreInstanceCount = ParseInt(v) }),
        (K.CoreMarket, (c, v) => c with { CoreMarket = ParseMarket(v) }),
        (K.CoreSpotMaxPrice, (c, v) => c with { CoreSpotMaxPrice = ParseDecimal(v) }),
        (K.IdleTimeoutMinutes, (c, v) => c with { IdleTimeoutMinutes = ParseInt(v) }),
        (K.ClusterLifecycle, (c, v) => c with { ClusterLifecycle = ParseLifecycle(v) }),
        (K.AllowedIngressCidr, (c, v) => c with { AllowedIngressCidr = v }),
        (K.KmsKeyArn, (c, v) => c with { KmsKeyArn = v }),
        (K.ForceDestroy, (c, v) => c with { ForceDestroy = ParseBool(v) }),
        (K.RunDataLoader, (c, v) => c with { RunDataLoader = ParseBool(v) }),
        (K.JobArtifactPath, (c, v) => c with { JobArtifactPath = v }),
        (K.StateBucket, (c, v) => c with { StateBucket = v }),
        (K.StateKey, (c, v) => c with { StateKey = v }),
        (K.ExplodeShards, (c, v) => c with { ExplodeShards = ParseInt(v) }),
        (K.EvaluatePartitions, (c, v) => c with { EvaluatePartitions = ParseInt(v) }),
    ];

    /// <summary>The context keys of every setting, in the order the README lists them.</summary>
    public static IEnumerable<string> SettingKeys => Settings.Select(s => s.Key);

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
        foreach (var (key, apply) in Settings)
        {
            // An empty variable (MNIST_EMR_REGION=) counts as unset, so it never hides the context's value.
            var variable = environment(EnvironmentVariableOf(key));
            var text = string.IsNullOrWhiteSpace(variable) ? ContextText(context(key)) : variable;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            try
            {
                config = apply(config, text.Trim());
            }
            catch (FormatException e)
            {
                errors.Add(new ConfigError(key, $"{e.Message}; got '{text}'"));
            }
        }

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
        var known = Settings.Select(s => EnvironmentVariableOf(s.Key)).ToList();
        return names
            .Where(n => n.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && !known.Contains(n) && !ToolingVariables.Contains(n))
            .Order(StringComparer.Ordinal)
            .Select(n => $"{n} is not a setting; did you mean {known.MinBy(k => Distance(n, k))}?")
            .ToList();
    }

    // Variables of the scripts and tests, not of the stack (README, "Tooling settings"; scripts/test.sh).
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
    public static string EnvironmentVariableOf(string key)
    {
        var name = new StringBuilder(EnvironmentPrefix);
        foreach (var ch in key)
        {
            if (char.IsUpper(ch))
                name.Append('_');
            name.Append(char.ToUpperInvariant(ch));
        }
        return name.ToString();
    }

    // Context values arrive as JSON values (numbers and booleans too), so accept any scalar.
    private static string? ContextText(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException("must be a whole number");

    private static decimal ParseDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException("must be a number such as 0.192");

    private static bool ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new FormatException("must be true or false"),
    };

    private static ClusterLifecycle ParseLifecycle(string text) => text.ToLowerInvariant() switch
    {
        "transient" => ClusterLifecycle.Transient,
        "persistent" => ClusterLifecycle.Persistent,
        _ => throw new FormatException("must be transient or persistent"),
    };

    private static CapacityMarket ParseMarket(string text) => text.ToLowerInvariant() switch
    {
        "on-demand" or "ondemand" => CapacityMarket.OnDemand,
        "spot" => CapacityMarket.Spot,
        _ => throw new FormatException("must be on-demand or spot"),
    };
}
