namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The network EMR runs in: a VPC with an internet gateway (EMR does not start without a route out),
/// one public subnet routed through it, and an S3 gateway endpoint so bucket traffic stays inside AWS.
/// </summary>
public sealed class Network : Construct
{
    /// <summary>Creates the VPC, gateway, subnet, routes and S3 endpoint.</summary>
    public Network(Construct scope, string id, NetworkProps props) : base(scope, id)
    {
        Vpc = new Vpc(this, "vpc", new VpcConfig
        {
            CidrBlock = props.VpcCidr,
            EnableDnsSupport = true,
            // EMR requires DNS hostnames: nodes find each other by their private DNS names.
            EnableDnsHostnames = true,
            Tags = EmrManagedPolicyTag.WithName($"{props.NamePrefix}-vpc"),
        });

        // The default security group of a new VPC lets its members talk freely; managing it with no rules closes that.
        new DefaultSecurityGroup(this, "default-security-group", new DefaultSecurityGroupConfig
        {
            VpcId = Vpc.Id,
            Tags = new Dictionary<string, string> { ["Name"] = $"{props.NamePrefix}-default-deny-all" },
        });

        var gateway = new InternetGateway(this, "internet-gateway", new InternetGatewayConfig
        {
            VpcId = Vpc.Id,
            Tags = new Dictionary<string, string> { ["Name"] = $"{props.NamePrefix}-igw" },
        });

        Subnet = new Subnet(this, "public-subnet", new SubnetConfig
        {
            VpcId = Vpc.Id,
            CidrBlock = props.SubnetCidr,
            AvailabilityZone = props.AvailabilityZone,
            // Nodes of a cluster in a public subnet reach AWS APIs and mirrors through their public addresses.
            MapPublicIpOnLaunch = true,
            Tags = EmrManagedPolicyTag.WithName($"{props.NamePrefix}-public"),
        });

        var routeTable = new RouteTable(this, "public-route-table", new RouteTableConfig
        {
            VpcId = Vpc.Id,
            Tags = new Dictionary<string, string> { ["Name"] = $"{props.NamePrefix}-public" },
        });

        InternetRoute = new Route(this, "internet-route", new RouteConfig
        {
            RouteTableId = routeTable.Id,
            DestinationCidrBlock = "0.0.0.0/0",
            GatewayId = gateway.Id,
        });

        SubnetRouteAssociation = new RouteTableAssociation(this, "public-subnet-routes", new RouteTableAssociationConfig
        {
            SubnetId = Subnet.Id,
            RouteTableId = routeTable.Id,
        });

        S3Endpoint = new VpcEndpoint(this, "s3-endpoint", new VpcEndpointConfig
        {
            VpcId = Vpc.Id,
            ServiceName = $"com.amazonaws.{props.Region}.s3",
            VpcEndpointType = "Gateway",
            RouteTableIds = [routeTable.Id],
            Tags = new Dictionary<string, string> { ["Name"] = $"{props.NamePrefix}-s3" },
        });
    }

    /// <summary>The VPC.</summary>
    public Vpc Vpc { get; }

    /// <summary>The public subnet the cluster runs in.</summary>
    public Subnet Subnet { get; }

    /// <summary>The 0.0.0.0/0 route through the internet gateway.</summary>
    public Route InternetRoute { get; }

    /// <summary>The association that puts the subnet on the public route table.</summary>
    public RouteTableAssociation SubnetRouteAssociation { get; }

    /// <summary>The S3 gateway endpoint on the public route table.</summary>
    public VpcEndpoint S3Endpoint { get; }

    /// <summary>
    /// What a cluster must wait for: without a complete route out, EMR fails with
    /// "No route to any external sources detected".
    /// </summary>
    public ITerraformDependable[] ReadyForEmr => [InternetRoute, SubnetRouteAssociation, S3Endpoint];
}
