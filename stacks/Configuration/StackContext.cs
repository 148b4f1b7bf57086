namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// The cdktf context of the pipeline app, gathered the one way every path to a stack uses (<c>cdktf synth</c>,
/// <c>dotnet run --project pipeline.csproj</c>, the review's own synthesis): the <c>"context"</c> object of cdktf.json
/// at the repository root; where cdktf.json has none, the <c>CDKTF_CONTEXT_JSON</c> environment variable.
/// </summary>
/// <remarks>
/// This is exactly what the cdktf CLI hands the app. The CLI sets <c>CDKTF_CONTEXT_JSON</c> to cdktf.json's
/// context whenever cdktf.json has one, replacing any value in the caller's environment, and passes the caller's
/// value on otherwise (<c>@cdktf/commons</c> <c>parseConfig</c>, <c>@cdktf/cli-core</c> <c>synth-stack</c>);
/// cdktf's <c>App</c> then reads that variable over its constructor's context. Reading the variable on top of
/// cdktf.json here would let a stray <c>CDKTF_CONTEXT_JSON</c> change what <c>dotnet run</c> and the review
/// synthesize but not what <c>cdktf synth</c> (and so <c>cdktf deploy</c>) does. <c>MNIST_EMR_*</c> variables win
/// over either (<see cref="PipelineConfigReader"/>).
/// </remarks>
public sealed class StackContext
{
    /// <summary>The cdktf project file at the repository root.</summary>
    public const string ProjectFile = "cdktf.json";

    /// <summary>The environment variable through which the cdktf CLI passes the context to the app.</summary>
    public const string EnvironmentVariable = "CDKTF_CONTEXT_JSON";

    private readonly Dictionary<string, object?> _values;

    private StackContext(Dictionary<string, object?> values) => _values = values;

    /// <summary>Gathers the context of the repository at <paramref name="repositoryRoot"/>.</summary>
    /// <param name="repositoryRoot">The folder holding cdktf.json; without one, only the environment variable counts.</param>
    /// <param name="environment">Environment variables, e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="InvalidDataException">cdktf.json or the variable is not JSON, or its context is not an object.</exception>
    public static StackContext Read(string repositoryRoot, Func<string, string?> environment)
    {
        var file = Path.Combine(repositoryRoot, ProjectFile);
        if (File.Exists(file))
        {
            var project = Parse(File.ReadAllText(file), file);
            if (project.ValueKind == JsonValueKind.Object
                && project.TryGetProperty("context", out var context) && context.ValueKind != JsonValueKind.Null)
                return new StackContext(Values(context, $"the \"context\" of {file}"));
        }
        return environment(EnvironmentVariable) is { Length: > 0 } json
            ? new StackContext(Values(Parse(json, EnvironmentVariable), EnvironmentVariable))
            : new StackContext([]);
    }

    /// <summary>Reads and validates the pipeline's settings: <c>MNIST_EMR_*</c> variables first, then this context.</summary>
    /// <param name="repositoryRoot">The folder holding cdktf.json.</param>
    /// <param name="environment">Environment variables, e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="InvalidPipelineConfigException">A setting is malformed or out of range.</exception>
    /// <exception cref="InvalidDataException">The context itself cannot be read.</exception>
    public static PipelineConfig ReadConfig(string repositoryRoot, Func<string, string?> environment) =>
        PipelineConfigReader.Read(environment, Read(repositoryRoot, environment).Get);

    /// <summary>The value of a context key (string, bool, decimal or double; other JSON as its text), or null when unset.</summary>
    public object? Get(string key) => _values.GetValueOrDefault(key);

    private static JsonElement Parse(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not valid JSON: {e.Message}");
        }
    }

    private static Dictionary<string, object?> Values(JsonElement context, string what) =>
        context.ValueKind == JsonValueKind.Object
            ? context.EnumerateObject().ToDictionary(p => p.Name, p => Scalar(p.Value))
            : throw new InvalidDataException($"{what} must be a JSON object of settings; got {context.ValueKind.ToString().ToLowerInvariant()}");

    // Values keep their JSON type, as cdktf's context does; the setting reader turns any scalar into its text, and
    // an object or array reaches it as JSON text, so its message names the setting and shows what was given.
    private static object? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetDecimal(out var number) ? number : value.GetDouble(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
