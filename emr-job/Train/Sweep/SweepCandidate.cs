namespace MnistEmr.Job.Train.Sweep;

/// <summary>One configuration of a sweep.</summary>
/// <param name="Index">Its number, 0 to candidates - 1: the Spark task that trains it and its folder under <c>candidates/</c>.</param>
/// <param name="Settings">Its hyperparameters.</param>
internal sealed record SweepCandidate(int Index, TrainerSettings Settings);
