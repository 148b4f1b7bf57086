namespace MnistEmr.Stacks.Configuration;

/// <summary>One invalid setting: its name (the cdktf context key) and what is wrong with it.</summary>
/// <param name="Setting">The context key, e.g. <c>coreInstanceCount</c>.</param>
/// <param name="Message">What the setting must be and what it was.</param>
public sealed record ConfigError(string Setting, string Message)
{
    /// <summary>The environment variable that sets the same setting, e.g. <c>MNIST_EMR_CORE_INSTANCE_COUNT</c>.</summary>
    public string EnvironmentVariable => PipelineConfigReader.EnvironmentVariableOf(Setting);

    /// <inheritdoc />
    public override string ToString() => $"setting '{Setting}' ({EnvironmentVariable}) {Message}";
}
