namespace MnistEmr.Stacks.Configuration;

/// <summary>Synthesis refused: the configuration has one or more invalid settings.</summary>
public sealed class InvalidPipelineConfigException(IReadOnlyList<ConfigError> errors)
    : Exception("invalid pipeline configuration:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
{
    /// <summary>Each invalid setting.</summary>
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
