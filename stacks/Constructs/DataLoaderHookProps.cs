namespace Pipeline.Stacks.Constructs;

/// <summary>Input of <see cref="DataLoaderHook"/>.</summary>
public sealed record DataLoaderHookProps
{
    /// <summary>Required. S3|1, the bucket the loader fills.</summary>
    public required DataBucket Target { get; init; }

    /// <summary>Key prefix of the dataset in <see cref="Target"/>. Default <c>mnist/</c>.</summary>
    public string TargetPrefix { get; init; } = "mnist/";

    /// <summary>Required. The repository, where the loader's project and dataset definition are.</summary>
    public required RepositoryLayout Repository { get; init; }

    /// <summary>The loader's project, relative to the repository. Default <c>data-loader/DataLoader.csproj</c>.</summary>
    public string LoaderProject { get; init; } = "data-loader/DataLoader.csproj";

    /// <summary>The dataset definition, relative to the repository. Default <c>data-loader/datasets/mnist.json</c>.</summary>
    public string DatasetDefinition { get; init; } = "data-loader/datasets/mnist.json";

    /// <summary>Required. AWS region the loader talks to.</summary>
    public required string Region { get; init; }
}
