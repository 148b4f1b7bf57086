using static MnistEmr.Stacks.Tests.StorageTests;

namespace MnistEmr.Stacks.Tests;

/// <summary>The VPC, its route to the internet, and what may come in.</summary>
[TestFixture]
public class NetworkTests
{
    private static SynthesizedStack Stack => Configs.DefaultSynth;

    [Test]
    public void Vpc_Default_HasDnsHostnamesAndTheEmrPolicyTag()
    {
        var vpc = Stack.Resource("aws_vpc", "network_vpc");
        Assert.That((string?)vpc["cidr_block"], Is.EqualTo("10.42.0.0/16"));
        Assert.That((bool?)vpc["enable_dns_hostnames"], Is.True);
        Assert.That((bool?)vpc["enable_dns_support"], Is.True);
        Assert.That((string?)vpc["tags"]?[EmrManagedPolicyTag.Key], Is.EqualTo("true"));
    }

    [Test]
    public void InternetGateway_Default_BelongsToTheVpc()
    {
        var gateway = Stack.Resource("aws_internet_gateway", "network_internet_gateway");
        Assert.That((string?)gateway["vpc_id"], Is.EqualTo(SynthesizedStack.Ref("aws_vpc", "network_vpc", "id")));
    }

    [Test]
    public void Subnet_Default_IsPublicInTheVpcWithTheEmrPolicyTag()
    {
        var subnet = Stack.Resource("aws_subnet", "network_public_subnet");
        Assert.That((string?)subnet["vpc_id"], Is.EqualTo(SynthesizedStack.Ref("aws_vpc", "network_vpc", "id")));
        Assert.That((string?)subnet["cidr_block"], Is.EqualTo("10.42.0.0/24"));
        Assert.That((bool?)subnet["map_public_ip_on_launch"], Is.True);
        Assert.That((string?)subnet["tags"]?[EmrManagedPolicyTag.Key], Is.EqualTo("true"));
    }

    [Test]
    public void Subnet_AvailabilityZoneConfigured_IsInThatZone()
    {
        Assert.That((string?)Configs.FullSynth.Resource("aws_subnet", "network_public_subnet")["availability_zone"], Is.EqualTo("eu-west-1b"));
    }

    [Test]
    public void Routes_Default_SendEverythingFromTheSubnetThroughTheGateway()
    {
        var route = Stack.Resource("aws_route", "network_internet_route");
        Assert.That((string?)route["destination_cidr_block"], Is.EqualTo("0.0.0.0/0"));
        Assert.That((string?)route["gateway_id"], Is.EqualTo(SynthesizedStack.Ref("aws_internet_gateway", "network_internet_gateway", "id")));
        var table = SynthesizedStack.Ref("aws_route_table", "network_public_route_table", "id");
        Assert.That((string?)route["route_table_id"], Is.EqualTo(table));

        var association = Stack.Resource("aws_route_table_association", "network_public_subnet_routes");
        Assert.That((string?)association["subnet_id"], Is.EqualTo(SynthesizedStack.Ref("aws_subnet", "network_public_subnet", "id")));
        Assert.That((string?)association["route_table_id"], Is.EqualTo(table));
    }

    [Test]
    public void S3Endpoint_Default_IsAGatewayOnThePublicRouteTable()
    {
        var endpoint = Stack.Resource("aws_vpc_endpoint", "network_s3_endpoint");
        Assert.That((string?)endpoint["service_name"], Is.EqualTo("com.amazonaws.us-east-1.s3"));
        Assert.That((string?)endpoint["vpc_endpoint_type"], Is.EqualTo("Gateway"));
        Assert.That(Strings(endpoint["route_table_ids"]), Is.EqualTo(new[] { SynthesizedStack.Ref("aws_route_table", "network_public_route_table", "id") }));
    }

    [Test]
    public void S3Endpoint_OtherRegion_NamesThatRegionsService()
    {
        Assert.That((string?)Configs.FullSynth.Resource("aws_vpc_endpoint", "network_s3_endpoint")["service_name"], Is.EqualTo("com.amazonaws.eu-west-1.s3"));
    }

    [Test]
    public void Ingress_Default_NoRuleLetsAnythingIn()
    {
        Assert.That(Stack.Resources("aws_vpc_security_group_ingress_rule"), Is.Empty);
        Assert.That(Stack.Resources("aws_security_group_rule"), Is.Empty);
        foreach (var (name, group) in Stack.Resources("aws_security_group"))
            Assert.That(group["ingress"], Is.Null, $"{name} has inline ingress");
        var defaultGroup = Stack.Resource("aws_default_security_group", "network_default_security_group");
        Assert.That(defaultGroup["ingress"], Is.Null);
        Assert.That(defaultGroup["egress"], Is.Null);
    }

    [Test]
    public void Ingress_AllowedCidrConfigured_OnlySshFromThatCidrToThePrimaryNode()
    {
        var rules = Configs.FullSynth.Resources("aws_vpc_security_group_ingress_rule");
        Assert.That(rules.Keys, Is.EqualTo(new[] { "emr_security_groups_primary_ssh" }));
        var ssh = rules["emr_security_groups_primary_ssh"];
        Assert.That((string?)ssh["cidr_ipv4"], Is.EqualTo("203.0.113.0/24"));
        Assert.That((string?)ssh["ip_protocol"], Is.EqualTo("tcp"));
        Assert.That((int?)ssh["from_port"], Is.EqualTo(22));
        Assert.That((int?)ssh["to_port"], Is.EqualTo(22));
        Assert.That((string?)ssh["security_group_id"], Is.EqualTo(SynthesizedStack.Ref("aws_security_group", "emr_security_groups_primary", "id")));
    }
}
