namespace MnistEmr.Common.SourceData;

/// <summary>Checks that each images file and its labels file hold the same number of items.</summary>
public static class DatasetPairing
{
    /// <summary>
    /// Compares the counts of every images/labels pair whose counts are both known, from <paramref name="countsFound"/>
    /// (file name to count read from the data) or else from the definition.
    /// </summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when a pair disagrees.</exception>
    public static void CheckCounts(DatasetDefinition definition, IReadOnlyDictionary<string, int> countsFound)
    {
        var byName = definition.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var images in definition.Files.Where(f => f.Kind == IdxKind.Images && f.Labels is not null))
        {
            var imageCount = CountOf(images, countsFound);
            var labelCount = CountOf(byName[images.Labels!], countsFound);
            if (imageCount is { } found && labelCount is { } expected && found != expected)
            {
                throw ToolException.Integrity(
                    images.Name, $"images/labels count (paired with {images.Labels})", $"{expected} images", $"{found} images");
            }
        }
    }

    private static int? CountOf(DatasetFile file, IReadOnlyDictionary<string, int> countsFound) =>
        countsFound.TryGetValue(file.Name, out var count) ? count : file.Count;
}
