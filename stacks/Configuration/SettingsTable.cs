using System.Text;

namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// docs/configuration.md's settings table, generated from <see cref="PipelineSettings"/>: one row per setting with its context
/// key, environment variable, default and meaning. It sits between <see cref="Begin"/> and <see cref="End"/>;
/// <see cref="Command"/> rewrites it, and a test fails when it differs from what the settings generate.
/// </summary>
public static class SettingsTable
{
    /// <summary>The argument of the app that rewrites docs/configuration.md's table: <c>dotnet run --project pipeline.csproj -- readme-settings</c>.</summary>
    public const string Command = "readme-settings";

    /// <summary>The line before the table.</summary>
    public const string Begin = "<!-- settings table: generated from stacks/Configuration/PipelineSettings.cs by "
        + "`dotnet run --project pipeline.csproj -- " + Command + "`; edit the settings there, not here -->";

    /// <summary>The line after the table.</summary>
    public const string End = "<!-- end of the generated settings table -->";

    /// <summary>The table of <paramref name="settings"/> as Markdown, one line each ending in a line feed.</summary>
    public static string Markdown(IEnumerable<Setting> settings)
    {
        var table = new StringBuilder("| context key | environment variable | default | meaning |\n|---|---|---|---|\n");
        foreach (var s in settings)
            table.Append($"| `{s.Key}` | `{s.EnvironmentVariable}` | {Cell(s.DefaultText)} | {Cell(s.Description)} |\n");
        return table.ToString();
    }

    /// <summary>The table of every setting (<see cref="PipelineSettings.All"/>).</summary>
    public static string Markdown() => Markdown(PipelineSettings.All);

    /// <summary>What stands between the markers of <paramref name="readme"/>, without the blank lines around it.</summary>
    /// <exception cref="InvalidDataException">The markers are missing, repeated or out of order.</exception>
    public static string Current(string readme)
    {
        var (start, end) = Span(readme);
        return readme[start..end].Trim('\n') + "\n";
    }

    /// <summary><paramref name="readme"/> with the text between the markers replaced by <paramref name="table"/>, set off by blank lines.</summary>
    /// <exception cref="InvalidDataException">The markers are missing, repeated or out of order.</exception>
    public static string Replace(string readme, string table)
    {
        var (start, end) = Span(readme);
        return readme[..start] + "\n\n" + table + "\n" + readme[end..];
    }

    // Between the end of the Begin marker and the start of the End marker's line.
    private static (int Start, int End) Span(string readme)
    {
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin || readme.IndexOf(Begin, begin + 1, StringComparison.Ordinal) >= 0
            || readme.IndexOf(End, end + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidDataException($"{ReadmeSettingsCommand.ReadmeFile} needs the settings table between one line '{Begin}' and one line '{End}' after it");
        return (begin + Begin.Length, end);
    }

    // A '|' would end the cell.
    private static string Cell(string markdown) => markdown.Replace("|", "\\|", StringComparison.Ordinal);
}
