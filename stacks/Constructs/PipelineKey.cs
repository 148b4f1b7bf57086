namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The pipeline's own KMS key (<c>kmsKey: create</c>): a symmetric key with automatic rotation, whose key policy leaves
/// its use to IAM policies of the key's account, so the roles' own policies say exactly who may use it.
/// </summary>
public sealed class PipelineKey : Construct
{
    /// <summary>Creates the key and its alias.</summary>
    public PipelineKey(Construct scope, string id, PipelineKeyProps props) : base(scope, id)
    {
        var partition = new DataAwsPartition(this, "partition").Partition;
        Key = new KmsKey(this, "key", new KmsKeyConfig
        {
            Description = $"{props.NamePrefix}: buckets, EMRFS and the EMR nodes' disks of the MNIST pipeline",
            // Rotation yearly, AWS's default period once it is on; old key material stays to decrypt old objects.
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            // The roles' rights come from their own IAM policies (EmrRoles), scoped to this key.
            Policy = PolicyDocument.Json(this, "policy", EnableIamPoliciesStatement(partition, props.AccountId)),
        });

        Alias = new KmsAlias(this, "alias", new KmsAliasConfig
        {
            Name = $"alias/{props.NamePrefix}-pipeline",
            TargetKeyId = Key.KeyId,
        });
        // The alias's name is configuration, so this ARN is known at plan time; naming the alias (not its literal name)
        // also orders whatever uses it after the alias exists, without a depends_on.
        AliasArn = $"arn:{partition}:kms:{props.Region}:{props.AccountId}:{Alias.Name}";
    }

    /// <summary>
    /// The KMS Developer Guide's default key policy statement ("Default key policy", key-policy-default.html, "Allows
    /// access to the AWS account and enables IAM policies"): without it no IAM policy of the account could grant the
    /// key, and the key could become unmanageable. Who else may use a key is then said by IAM policies scoped to it.
    /// </summary>
    internal static DataAwsIamPolicyDocumentStatement EnableIamPoliciesStatement(string partition, string account) => new()
    {
        Sid = "EnableIamPolicies",
        Actions = ["kms:*"],
        Resources = ["*"],
        Principals = new[]
        {
            new DataAwsIamPolicyDocumentStatementPrincipals { Type = "AWS", Identifiers = [$"arn:{partition}:iam::{account}:root"] },
        },
    };

    /// <summary>The key's alias, <c>alias/&lt;prefix&gt;-pipeline</c>.</summary>
    public KmsAlias Alias { get; }

    /// <summary>
    /// The alias's ARN (<c>arn:&lt;partition&gt;:kms:&lt;region&gt;:&lt;account&gt;:alias/&lt;prefix&gt;-pipeline</c>), known
    /// at plan time, for documents whose JSON the plan should show whole: the EMR security configuration accepts an
    /// alias ARN for its KMS keys, as the AWS provider's own example of <c>aws_emr_security_configuration</c> does for
    /// local-disk encryption (terraform-provider-aws, website/docs/r/emr_security_configuration.html.markdown).
    /// </summary>
    public string AliasArn { get; }

    /// <summary>The key resource.</summary>
    public KmsKey Key { get; }

    /// <summary>The key's ARN, for everything that encrypts with it.</summary>
    public string Arn => Key.Arn;
}
