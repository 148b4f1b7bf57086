using HashiCorp.Cdktf;
using EmrCluster = HashiCorp.Cdktf.Providers.Aws.EmrCluster.EmrCluster;
using HashiCorp.Cdktf.Providers.Aws.S3BucketPublicAccessBlock;
using HashiCorp.Cdktf.Providers.Aws.SecurityGroup;
using HashiCorp.Cdktf.Providers.Aws.VpcSecurityGroupIngressRule;

namespace MnistEmr.Stacks.Tests;

/// <summary>The same guards through cdktf's own Testing API, with the bindings' resource type constants.</summary>
[TestFixture]
public class MatcherTests
{
    private static readonly Lazy<string> Synthesized = new(() =>
    {
        var app = Testing.App();
        return Testing.Synth(new PipelineStack(app, new PipelineConfig(), Repository.Root));
    });

    [Test]
    public void PublicAccessBlock_Default_MatchesAllFourSettings()
    {
        var settings = new Dictionary<string, object>
        {
            ["block_public_acls"] = true, ["block_public_policy"] = true, ["ignore_public_acls"] = true, ["restrict_public_buckets"] = true,
        };
        Assert.That(Testing.ToHaveResourceWithProperties(Synthesized.Value, S3BucketPublicAccessBlock.TfResourceType, settings), Is.True);
    }

    [Test]
    public void SecurityGroups_Default_RevokeRulesAndTheMatcherRejectsTheOpposite()
    {
        Assert.That(Testing.ToHaveResourceWithProperties(Synthesized.Value, SecurityGroup.TfResourceType,
            new Dictionary<string, object> { ["revoke_rules_on_delete"] = true }), Is.True);
        Assert.That(Testing.ToHaveResourceWithProperties(Synthesized.Value, SecurityGroup.TfResourceType,
            new Dictionary<string, object> { ["revoke_rules_on_delete"] = false }), Is.False);
    }

    [Test]
    public void Cluster_Default_HasSparkAndNoIngressRuleExists()
    {
        Assert.That(Testing.ToHaveResourceWithProperties(Synthesized.Value, EmrCluster.TfResourceType,
            new Dictionary<string, object> { ["applications"] = new[] { "Spark" } }), Is.True);
        Assert.That(Testing.ToHaveResource(Synthesized.Value, VpcSecurityGroupIngressRule.TfResourceType), Is.False);
    }
}
