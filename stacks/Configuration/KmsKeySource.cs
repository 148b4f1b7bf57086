namespace MnistEmr.Stacks.Configuration;

/// <summary>Where the pipeline's KMS key comes from.</summary>
public enum KmsKeySource
{
    /// <summary>The key of <c>kmsKeyArn</c> when it is set; SSE-S3 and no KMS key otherwise.</summary>
    None,

    /// <summary>The stack creates its own key, with yearly rotation, and uses it wherever <c>kmsKeyArn</c> would be used.</summary>
    Create,
}
