namespace MnistEmr.Job.Shared.Cli;

/// <summary>The <c>key=value</c> lines the commands print on stdout for scripts, each value in the invariant culture.</summary>
internal static class KeyValueLines
{
    /// <summary>Writes one <c>key=value</c> line per entry, in order.</summary>
    public static void Write(TextWriter output, IEnumerable<(string Key, FormattableString Value)> lines)
    {
        foreach (var (key, value) in lines)
        {
            output.WriteLine($"{key}={value.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
