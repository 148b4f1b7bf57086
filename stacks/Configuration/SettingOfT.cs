namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// A setting whose value is a <typeparamref name="T"/>: how it is parsed, its default, where it lives on
/// <see cref="PipelineConfig"/>, and its rules. Rules are checked in order and the first one broken is the problem
/// reported, so a rule may take the ones before it as met (a prefix-length rule after the CIDR rule).
/// </summary>
/// <typeparam name="T">The type of the <see cref="PipelineConfig"/> property; nullable for an optional setting.</typeparam>
public sealed class Setting<T> : Setting
{
    private readonly Func<PipelineConfig, T> _get;
    private readonly Func<PipelineConfig, T, PipelineConfig> _set;
    private readonly IReadOnlyList<Func<T, PipelineConfig, string?>> _rules;

    internal Setting(string key, SettingType<T> type, T @default, Func<PipelineConfig, T> get,
        Func<PipelineConfig, T, PipelineConfig> set, string description, string? unset,
        IReadOnlyList<Func<T, PipelineConfig, string?>> rules)
        : base(key, description, unset)
    {
        Type = type;
        Default = @default;
        _get = get;
        _set = set;
        _rules = rules;
    }

    /// <summary>How text becomes a value and a value text.</summary>
    public SettingType<T> Type { get; }

    /// <summary>The value when the setting is not set; <see cref="PipelineConfig"/>'s property starts from it.</summary>
    public T Default { get; }

    /// <inheritdoc />
    public override string? DefaultValueText => Default is null ? null : Type.Format(Default);

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    /// <summary>The value of this setting in <paramref name="config"/>.</summary>
    public T ValueIn(PipelineConfig config) => _get(config);

    /// <inheritdoc />
    public override string? TextIn(PipelineConfig config) => ValueIn(config) is { } value ? Type.Format(value) : null;

    /// <inheritdoc />
    public override PipelineConfig ReadInto(PipelineConfig config, string text) => _set(config, Type.Parse(text));

    /// <inheritdoc />
    internal override PipelineConfig WithDefault(PipelineConfig config) => _set(config, Default);

    /// <inheritdoc />
    public override string? ProblemIn(PipelineConfig config)
    {
        var value = ValueIn(config);
        return _rules.Select(rule => rule(value, config)).FirstOrDefault(problem => problem is not null);
    }

    /// <summary>This setting with one more rule, which may look at the other settings.</summary>
    /// <param name="problem">The message for a value that breaks the rule (what it must be and what it was); null when it keeps it.</param>
    public Setting<T> Check(Func<T, PipelineConfig, string?> problem) =>
        new(Key, Type, Default, _get, _set, Description, Unset, [.. _rules, problem]);

    /// <summary>This setting with one more rule on its own value.</summary>
    /// <param name="ok">Whether a value keeps the rule.</param>
    /// <param name="message">What the setting must be and what it was.</param>
    public Setting<T> Must(Func<T, bool> ok, Func<T, string> message) =>
        Check((value, _) => ok(value) ? null : message(value));

    /// <summary>This setting with one more rule that looks at the other settings too.</summary>
    /// <param name="ok">Whether a value keeps the rule, given the whole configuration.</param>
    /// <param name="message">What the setting must be and what it was.</param>
    public Setting<T> Must(Func<T, PipelineConfig, bool> ok, Func<T, PipelineConfig, string> message) =>
        Check((value, config) => ok(value, config) ? null : message(value, config));
}
