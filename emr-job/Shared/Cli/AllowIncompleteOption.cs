namespace MnistEmr.Job.Shared.Cli;

/// <summary><c>--allow-incomplete</c>, one definition for train, evaluate and run-local.</summary>
internal static class AllowIncompleteOption
{
    /// <summary>Creates the option; <paramref name="split"/> names the tree the command reads.</summary>
    public static Option<bool> Create(string split) => new(FormatACompleteness.AllowOption)
    {
        Description = $"Use the FORMAT A {split} tree even when explode's manifests (_manifests/) show shards or digits missing; "
            + "the gap is logged and recorded. Without it such a tree is refused (exit 4), naming what is missing.",
    };
}
