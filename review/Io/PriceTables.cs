namespace MnistEmr.Review.Io;

/// <summary>The price tables shipped beside the binary (<c>prices/*.json</c>), by region.</summary>
internal static class PriceTables
{
    /// <summary>Loads every table in a folder (none when the folder does not exist; the CLI refuses a missing --prices first).</summary>
    /// <exception cref="ToolException">Exit 2 naming the file when a table does not parse or two tables claim one region.</exception>
    public static IReadOnlyDictionary<string, PriceTable> Load(string folder)
    {
        var tables = new Dictionary<string, PriceTable>();
        if (!Directory.Exists(folder))
            return tables;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            PriceTable table;
            try
            {
                table = PriceTable.Parse(File.ReadAllText(file));
            }
            catch (JsonException e)
            {
                throw new ToolException($"price table {file} is not valid: {e.Message}", ExitCode.UsageError);
            }
            if (string.IsNullOrWhiteSpace(table.Region))
                throw new ToolException($"price table {file} is not valid: it names no region", ExitCode.UsageError);
            if (!tables.TryAdd(table.Region, table))
                throw new ToolException($"price table {file} is for {table.Region}, which another table in {folder} already prices", ExitCode.UsageError);
        }
        return tables;
    }

    /// <summary>The folder beside the running binary.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "prices");
}
