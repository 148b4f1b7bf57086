using System.Text;

namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// One setting of the stack as <see cref="PipelineSettings"/> declares it: its key, the environment variable that
/// follows from the key, its default, its rules and its description. <see cref="Setting{T}"/> holds the typed parts.
/// </summary>
public abstract class Setting
{
    /// <summary>What every setting's environment variable starts with.</summary>
    public const string EnvironmentPrefix = "MNIST_EMR_";

    private protected Setting(string key, string description, string? unset)
    {
        Key = key;
        Description = description;
        Unset = unset;
    }

    /// <summary>The cdktf context key, e.g. <c>coreInstanceCount</c>; also the name in every message about the setting.</summary>
    public string Key { get; }

    /// <summary>The environment variable that sets it, e.g. <c>MNIST_EMR_CORE_INSTANCE_COUNT</c> (<see cref="EnvironmentVariableOf"/>).</summary>
    public string EnvironmentVariable => EnvironmentVariableOf(Key);

    /// <summary>What the setting does, as Markdown: the settings table's "meaning" column.</summary>
    public string Description { get; }

    /// <summary>What leaving an optional setting unset means, as Markdown (e.g. <c>AWS picks</c>); null when it has a default value.</summary>
    public string? Unset { get; }

    /// <summary>The default as the README shows it: the default value in code font, or what leaving it unset means.</summary>
    public string DefaultText => DefaultValueText is { } value ? $"`{value}`" : Unset ?? "none";

    /// <summary>The default value written as a user would set it; null when the default is no value.</summary>
    public abstract string? DefaultValueText { get; }

    /// <summary>The type of the value on <see cref="PipelineConfig"/>.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The value of this setting in <paramref name="config"/>, written as a user would set it; null when unset.</summary>
    public abstract string? TextIn(PipelineConfig config);

    /// <summary><paramref name="config"/> with this setting parsed from <paramref name="text"/>; no rule is checked here.</summary>
    /// <exception cref="FormatException">The text is not a value of the setting's type; the message says what it must be.</exception>
    public abstract PipelineConfig ReadInto(PipelineConfig config, string text);

    /// <summary>The first rule this setting's value in <paramref name="config"/> breaks, as a message; null when it breaks none.</summary>
    public abstract string? ProblemIn(PipelineConfig config);

    /// <summary><paramref name="config"/> with this setting at its default: how <see cref="PipelineConfig"/> gets every default.</summary>
    internal abstract PipelineConfig WithDefault(PipelineConfig config);

    /// <summary>The key: what messages and test names call the setting.</summary>
    public override string ToString() => Key;

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

    /// <summary>A setting of type <typeparamref name="T"/>, with no rules yet (add them with <see cref="Setting{T}.Must(Func{T, bool}, Func{T, string})"/>).</summary>
    /// <param name="key">The cdktf context key, camelCase: the property's name with a lowercase first letter.</param>
    /// <param name="type">How text becomes a value and a value text.</param>
    /// <param name="default">The value when the setting is not set; null for an optional setting.</param>
    /// <param name="get">Reads the setting's property.</param>
    /// <param name="set">A copy of the configuration with the property set.</param>
    /// <param name="description">What it does, as Markdown.</param>
    /// <param name="unset">For an optional setting, what leaving it unset means, as Markdown.</param>
    public static Setting<T> Of<T>(string key, SettingType<T> type, T @default, Func<PipelineConfig, T> get,
        Func<PipelineConfig, T, PipelineConfig> set, string description, string? unset = null) =>
        new(key, type, @default, get, set, description, unset, []);
}
