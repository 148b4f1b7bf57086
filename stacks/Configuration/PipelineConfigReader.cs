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
            var text = environment(EnvironmentVariableOf(key)) ?? ContextText(context(key));
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
