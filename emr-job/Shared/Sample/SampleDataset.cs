namespace MnistEmr.Job.Shared.Sample;

/// <summary>The offline sample: the four IDX .gz files and the data loader's definition of them.</summary>
/// <param name="Files">The IDX files, in definition order.</param>
/// <param name="Definition">The definition, JSON in the data loader's format.</param>
/// <param name="DefinitionName">The file name of the definition.</param>
/// <param name="TrainCount">Digits in the training split.</param>
/// <param name="TestCount">Digits in the test split.</param>
internal sealed record SampleDataset(IReadOnlyList<SampleFile> Files, byte[] Definition, string DefinitionName, int TrainCount, int TestCount);
