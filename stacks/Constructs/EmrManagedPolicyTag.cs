namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The tag that the managed policy <c>AmazonEMRServicePolicy_v2</c> requires: EMR may only use or change
/// the VPC, subnet and security groups that carry it.
/// </summary>
internal static class EmrManagedPolicyTag
{
    /// <summary>The tag key.</summary>
    public const string Key = "for-use-with-amazon-emr-managed-policies";

    /// <summary>The tag value.</summary>
    public const string Value = "true";

    /// <summary>The tag with a <c>Name</c> tag beside it.</summary>
    public static Dictionary<string, string> WithName(string name) => new() { ["Name"] = name, [Key] = Value };
}
