namespace Pipeline.Review.Core;

/// <summary>The parts of the pipeline a resource belongs to, in the order the review lists them.</summary>
public enum PipelinePart
{
    /// <summary>S3|1 SOURCE_MNIST_DATA.</summary>
    Source,

    /// <summary>S3|2 FORMAT A.</summary>
    FormatA,

    /// <summary>S3|4 Serialized Model.</summary>
    Model,

    /// <summary>S3|3 Model Performance Report.</summary>
    Report,

    /// <summary>The EMR log bucket.</summary>
    Logs,

    /// <summary>VPC, gateway, subnet, routes, endpoint.</summary>
    Network,

    /// <summary>The EMR cluster, its security groups and security configuration.</summary>
    Emr,

    /// <summary>The EMR roles, policies and instance profile.</summary>
    Iam,

    /// <summary>The data loader hook.</summary>
    Loader,

    /// <summary>The job package, its bootstrap script and their bucket.</summary>
    JobArtifact,

    /// <summary>Anything the pipeline's constructs did not make.</summary>
    Other,
}
