using System.Text.Json;
using System.Text.Json.Nodes;
using Constructs;
using HashiCorp.Cdktf.Providers.Aws.EmrSecurityConfiguration;
using SecurityConfigurationResource = HashiCorp.Cdktf.Providers.Aws.EmrSecurityConfiguration.EmrSecurityConfiguration;

namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The cluster's security configuration: data at rest encrypted (EMRFS objects in S3 always, local disks and
/// EBS volumes when a KMS key is configured), and IMDSv2 only on every node.
/// </summary>
public sealed class EmrSecurityConfiguration : Construct
{
    /// <summary>Creates the security configuration.</summary>
    public EmrSecurityConfiguration(Construct scope, string id, EmrSecurityConfigurationProps props) : base(scope, id)
    {
        Resource = new SecurityConfigurationResource(this, "configuration",
            new EmrSecurityConfigurationConfig
            {
                Name = $"{props.NamePrefix}-emr",
                Configuration = Document(props.KmsKeyArn).ToJsonString(new JsonSerializerOptions { WriteIndented = false }),
            });
    }

    /// <summary>The security configuration resource.</summary>
    public SecurityConfigurationResource Resource { get; }

    /// <summary>The name a cluster refers to.</summary>
    public string Name => Resource.Name;

    /// <summary>The configuration document, as EMR's security configuration JSON schema defines it.</summary>
    public static JsonObject Document(string? kmsKeyArn)
    {
        var atRest = new JsonObject
        {
            ["S3EncryptionConfiguration"] = kmsKeyArn is null
                ? new JsonObject { ["EncryptionMode"] = "SSE-S3" }
                : new JsonObject { ["EncryptionMode"] = "SSE-KMS", ["AwsKmsKey"] = kmsKeyArn },
        };
        if (kmsKeyArn is not null)
        {
            atRest["LocalDiskEncryptionConfiguration"] = new JsonObject
            {
                ["EncryptionKeyProviderType"] = "AwsKms",
                ["AwsKmsKey"] = kmsKeyArn,
                ["EnableEbsEncryption"] = true,
            };
        }
        return new JsonObject
        {
            ["EncryptionConfiguration"] = new JsonObject
            {
                ["EnableInTransitEncryption"] = false,
                ["EnableAtRestEncryption"] = true,
                ["AtRestEncryptionConfiguration"] = atRest,
            },
            // Session tokens for instance metadata only: blocks the SSRF path to the nodes' credentials.
            ["InstanceMetadataServiceConfiguration"] = new JsonObject
            {
                ["MinimumInstanceMetadataServiceVersion"] = 2,
                ["HttpPutResponseHopLimit"] = 1,
            },
        };
    }
}
