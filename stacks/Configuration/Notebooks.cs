namespace MnistEmr.Stacks.Configuration;

/// <summary>Whether the stack gives its users notebooks on the cluster.</summary>
public enum Notebooks
{
    /// <summary>No notebooks: nothing beyond the cluster and its steps.</summary>
    None,

    /// <summary>
    /// An EMR Studio with IAM authentication whose workspaces attach to the cluster (which then runs
    /// JupyterEnterpriseGateway and Livy beside Spark); needs a persistent cluster to attach to.
    /// </summary>
    Studio,
}
