using MnistEmr.Common.SourceData;

namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="DataLoaderHook"/>.</summary>
public sealed record DataLoaderHookProps
{
    /// <summary>Required. S3|1, the bucket the loader fills, under its node's key prefix (<see cref="DataBucket.DataUri"/>).</summary>
    public required DataBucket Target { get; init; }

    /// <summary>Required. The repository, where the loader's project and dataset definition are.</summary>
    public required RepositoryLayout Repository { get; init; }

    /// <summary>The loader's project, relative to the repository. Default <c>data-loader/DataLoader.csproj</c>.</summary>
    public string LoaderProject { get; init; } = "data-loader/DataLoader.csproj";

    /// <summary>The dataset definition, relative to the repository. Default <c>data-loader/datasets/mnist.json</c>.</summary>
    public string DatasetDefinition { get; init; } = "data-loader/datasets/mnist.json";

    /// <summary>Required. AWS region the loader talks to.</summary>
    public required string Region { get; init; }
}
