namespace MnistJob.Stages;

/// <summary>One check of the canary step, as a row: which task ran it, what it checked, whether it passed and what it saw.</summary>
/// <param name="Task">The canary task (executor slot) that ran the check.</param>
/// <param name="Probe">The check's name, e.g. <c>lightgbm</c> or <c>write S3|4</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was seen: a version, a size, the error's one line.</param>
public sealed record CanaryCheck(int Task, string Probe, bool Passed, string Detail);
