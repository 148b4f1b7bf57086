using System.Text.Json.Nodes;
using HashiCorp.Cdktf.Providers.Aws.EmrSecurityConfiguration;
using SecurityConfigurationResource = HashiCorp.Cdktf.Providers.Aws.EmrSecurityConfiguration.EmrSecurityConfiguration;

namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The cluster's security configuration: data at rest encrypted (EMRFS objects in S3 always, local disks and
/// EBS volumes when a KMS key is configured, which by default is the stack's own), and IMDSv2 only on every node.
/// In-transit encryption stays off: it needs a TLS private key the stack would have to make and keep (the review's
/// exception for CKV_AWS_351 says what it would cost and protect).
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
                // Terraform's jsonencode rather than a JSON string: with the key's ARN interpolated, the string would hold
                // both quotes and ${...}, which CDKTF 0.21's HCL output (synth --hcl) writes unescaped and breaks.
                Configuration = Fn.Jsonencode(ToTerraform(Document(props.KmsKeyArn))),
            });
    }

    /// <summary>The security configuration resource.</summary>
    public SecurityConfigurationResource Resource { get; }

    /// <summary>The name a cluster refers to.</summary>
    public string Name => Resource.Name;

    // The document as the plain values jsii passes on to Terraform's jsonencode (objects, strings, booleans, numbers).
    private static object ToTerraform(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToTerraform(p.Value)),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v => v.GetValue<string>(),
        _ => throw new ArgumentException($"no Terraform value for {node?.ToJsonString() ?? "null"}", nameof(node)),
    };

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
