namespace MnistEmr.Job.Status;

/// <summary>What a step has left in S3 for a run, as <c>status</c> judges it from the objects alone.</summary>
internal enum StepState
{
    /// <summary>The step's results are all there.</summary>
    Done,

    /// <summary>Some of its results are there: it is running, or it stopped part way.</summary>
    Partial,

    /// <summary>Its results say it failed (the canary's failed checks).</summary>
    Failed,

    /// <summary>None of its results are there yet.</summary>
    Missing,

    /// <summary>An optional step (the canary, scoring) that left nothing: not counted against the run.</summary>
    NotPresent,
}
