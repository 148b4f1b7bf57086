using Pipeline.Review.Core;

namespace Pipeline.Review.Io;

/// <summary>The price tables shipped beside the binary (<c>prices/*.json</c>), by region.</summary>
public static class PriceTables
{
    /// <summary>Loads every table in a folder.</summary>
    public static IReadOnlyDictionary<string, PriceTable> Load(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Select(f => PriceTable.Parse(File.ReadAllText(f))).ToDictionary(t => t.Region)
            : new Dictionary<string, PriceTable>();

    /// <summary>The folder beside the running binary.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "prices");
}
