namespace MnistEmr.Job.Shared.Digits;

/// <summary>The two MNIST splits, kept apart from the IDX files to FORMAT A and through evaluation.</summary>
internal enum DatasetSplit
{
    /// <summary>The training digits.</summary>
    Train,

    /// <summary>The held-out digits, used only for evaluation.</summary>
    Test,
}
