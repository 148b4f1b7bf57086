using System.Text.RegularExpressions;

namespace MnistEmr.Job.Shared.Runs;

/// <summary>
/// Key conventions of S3|4 (models) and S3|3 (reports): everything of a run lives under <see cref="NodeKeys.Run"/>
/// (<c>runs/{runId}/</c>), which the steps' SQL names too.
/// </summary>
internal static partial class RunKeys
{
    /// <summary>The pointer to the newest run.</summary>
    public const string Latest = "latest.json";

    /// <summary>The ML.NET model zip.</summary>
    public static string Model(string runId) => NodeKeys.Run(runId) + "model.zip";

    /// <summary>The model card.</summary>
    public static string ModelCard(string runId) => NodeKeys.Run(runId) + "model-card.json";

    /// <summary>The sweep's training digits, packed once for every candidate task (<see cref="TrainingPack"/>).</summary>
    public static string SweepPack(string runId) => NodeKeys.Run(runId) + "sweep/training-digits.pack.gz";

    /// <summary>The sweep's account of the training data (<see cref="SweepData"/>).</summary>
    public static string SweepData(string runId) => NodeKeys.Run(runId) + "sweep/training-data.json";

    /// <summary>The folder of sweep candidate <paramref name="index"/>; its task writes nothing outside it.</summary>
    public static string Candidate(string runId, int index) =>
        NodeKeys.Run(runId) + "candidates/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>The model zip of sweep candidate <paramref name="index"/>.</summary>
    public static string CandidateModel(string runId, int index) => Candidate(runId, index) + "model.zip";

    /// <summary>The result of sweep candidate <paramref name="index"/> (<see cref="CandidateResult"/>), written after its model.</summary>
    public static string CandidateResult(string runId, int index) => Candidate(runId, index) + "candidate.json";

    /// <summary>The machine-readable report.</summary>
    public static string ReportJson(string runId) => NodeKeys.Run(runId) + "report.json";

    /// <summary>The Markdown report.</summary>
    public static string ReportMarkdown(string runId) => NodeKeys.Run(runId) + "report.md";

    /// <summary>The self-contained HTML report.</summary>
    public static string ReportHtml(string runId) => NodeKeys.ReportHtml(runId);

    /// <summary>A new run id: UTC time to the second plus four random hex digits.</summary>
    public static string NewRunId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Random.Shared.Next(0x10000):x4}";

    /// <summary>Checks a run id given on the command line.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> unless it is 1-100 of A-Z a-z 0-9 . _ -.</exception>
    public static string Validate(string runId) => RunIdPattern().IsMatch(runId) && runId is not "." and not ".."
        ? runId
        : throw ToolException.Usage($"--run-id '{runId}' must be 1-100 characters of A-Z a-z 0-9 . _ -");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RunIdPattern();
}
