namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// <c>dotnet run --project pipeline.csproj -- readme-settings</c>: rewrites the settings table of docs/configuration.md in the
/// current folder (the repository root) from <see cref="PipelineSettings"/>.
/// </summary>
public static class ReadmeSettingsCommand
{
    /// <summary>The page holding the settings table, relative to the repository root.</summary>
    public const string ReadmeFile = "docs/configuration.md";

    /// <summary>Rewrites the table when it differs and says so on <paramref name="log"/>.</summary>
    /// <param name="repositoryRoot">The repository root, which holds docs/configuration.md.</param>
    /// <param name="log">Where the one line saying what happened goes (stderr).</param>
    /// <exception cref="FileNotFoundException">There is no docs/configuration.md.</exception>
    /// <exception cref="InvalidDataException">The README lacks the table's markers; the message names the file and them.</exception>
    public static void Run(string repositoryRoot, TextWriter log)
    {
        var path = Path.Combine(repositoryRoot, ReadmeFile);
        var readme = File.ReadAllText(path);
        string updated;
        try
        {
            updated = SettingsTable.Replace(readme, SettingsTable.Markdown());
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        if (updated == readme)
        {
            log.WriteLine($"{path}: the settings table is up to date");
            return;
        }
        File.WriteAllText(path, updated);
        log.WriteLine($"{path}: settings table rewritten from stacks/Configuration/PipelineSettings.cs ({PipelineSettings.All.Count} settings)");
    }
}
