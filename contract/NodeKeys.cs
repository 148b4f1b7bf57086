namespace MnistEmr.Contract;

/// <summary>
/// Keys inside the nodes that both the steps' SQL and the job's commands use, relative to a node's root (the
/// location the job is given, e.g. <c>s3://bucket/format-a/</c>): one spelling for the two sides.
/// </summary>
public static class NodeKeys
{
    /// <summary>The training split's tree under the FORMAT A root.</summary>
    public const string TrainTree = "train/";

    /// <summary>The test split's tree under the FORMAT A root.</summary>
    public const string TestTree = "test/";

    /// <summary>The canary's probe tree of <paramref name="runId"/> under the FORMAT A root, beside the split trees.</summary>
    public static string CanaryProbeTree(string runId) => $"canary/{runId}/";

    /// <summary>Everything of run <paramref name="runId"/> under the models and the reports roots.</summary>
    public static string Run(string runId) => $"runs/{runId}/";

    /// <summary>The HTML report of run <paramref name="runId"/> under the reports root.</summary>
    public static string ReportHtml(string runId) => Run(runId) + "report.html";

    /// <summary>
    /// The scoring inbox under the FORMAT A root: PNGs dropped here are classified by the score step. Nothing else
    /// reads it (train/ and test/ are the splits' trees). It need not exist: the job lists it itself, and an absent
    /// prefix is an empty inbox.
    /// </summary>
    public const string Inbox = "inbox/";

    /// <summary>The folder of every run's predictions under the reports root.</summary>
    public const string PredictionsRoot = "predictions/";

    /// <summary>Where the score step writes run <paramref name="runId"/>'s predictions under the reports root.</summary>
    public static string Predictions(string runId) => $"{PredictionsRoot}{runId}/";
}
