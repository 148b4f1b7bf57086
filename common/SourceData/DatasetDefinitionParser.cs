using System.Text.Json;
using System.Text.Json.Serialization;

namespace MnistEmr.Common.SourceData;

/// <summary>Reads a dataset definition from JSON text and validates it.</summary>
public static class DatasetDefinitionParser
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Definitions are hand-written data: a misspelt key must fail loudly, not be ignored.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Parses and validates <paramref name="json"/>; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> when the JSON or the definition is invalid.</exception>
    public static DatasetDefinition Parse(string json, string origin)
    {
        DatasetDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<DatasetDefinition>(json, Options);
        }
        catch (JsonException ex)
        {
            throw ToolException.Usage($"dataset definition {origin} is not valid: {ex.Message}");
        }

        if (definition is null)
        {
            throw ToolException.Usage($"dataset definition {origin} is empty");
        }

        var errors = DatasetDefinitionValidator.Validate(definition);
        if (errors.Count > 0)
        {
            throw ToolException.Usage($"dataset definition {origin} is not valid: {string.Join("; ", errors)}");
        }

        return definition;
    }
}
