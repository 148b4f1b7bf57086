namespace MnistEmr.Review.Core;

/// <summary>What a plan does to one resource (Terraform's action list, folded into one word).</summary>
internal enum ChangeAction
{
    /// <summary>Nothing.</summary>
    NoOp,

    /// <summary>Created.</summary>
    Create,

    /// <summary>Read (a data source).</summary>
    Read,

    /// <summary>Changed in place.</summary>
    Update,

    /// <summary>Destroyed and created again.</summary>
    Replace,

    /// <summary>Destroyed.</summary>
    Delete,
}
