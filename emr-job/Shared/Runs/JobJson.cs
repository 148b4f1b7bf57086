using System.Text.Encodings.Web;

namespace MnistEmr.Job.Shared.Runs;

/// <summary>The JSON shape of every document the job writes: indented camelCase, enums as camelCase strings.</summary>
internal static class JobJson
{
    /// <summary>The shared serializer options.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Documents are read by people too: keep '+' and non-ASCII as written. The HTML report encodes what it embeds.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="value"/> to UTF-8.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Parses <paramref name="json"/>; <paramref name="origin"/> names it in the error.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when it is not a valid document.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw ToolException.Integrity($"{origin} is empty");
        }
        catch (JsonException ex)
        {
            throw ToolException.Integrity($"{origin} is not a valid document: {ex.Message}");
        }
    }
}
