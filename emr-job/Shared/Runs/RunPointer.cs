namespace MnistEmr.Job.Shared.Runs;

/// <summary>The <c>latest.json</c> document of S3|4 and S3|3: which run is the newest.</summary>
/// <param name="RunId">The run.</param>
/// <param name="CreatedUtc">When it was written.</param>
internal sealed record RunPointer(string RunId, DateTimeOffset CreatedUtc);
