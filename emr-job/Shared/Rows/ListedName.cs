namespace MnistEmr.Job.Shared.Rows;

/// <summary>One row of the <c>rows list</c> stage as the fetch stage reads it.</summary>
/// <param name="Path">The consumer's path, still base64 as listed: passed on unchanged.</param>
/// <param name="PngKey">The key of the <c>.png</c> (or of the lone file) to fetch, relative to the listed input; null when none.</param>
/// <param name="LabelKey">The key of the <c>.txt</c> to fetch; null when none.</param>
internal sealed record ListedName(string Path, string? PngKey, string? LabelKey);
