namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The EMR-managed security groups of the primary and core nodes. EMR adds the rules the nodes need between
/// each other; this construct adds only egress and, when configured, SSH from one CIDR.
/// </summary>
public sealed class EmrSecurityGroups : Construct
{
    /// <summary>Creates both groups and their rules.</summary>
    public EmrSecurityGroups(Construct scope, string id, EmrSecurityGroupsProps props) : base(scope, id)
    {
        Primary = Group("primary", props, "EMR-managed group of the primary node");
        Core = Group("core", props, "EMR-managed group of the core nodes");

        if (props.AllowedIngressCidr is not null)
        {
            new VpcSecurityGroupIngressRule(this, "primary-ssh", new VpcSecurityGroupIngressRuleConfig
            {
                SecurityGroupId = Primary.Id,
                Description = "SSH to the primary node from the configured network",
                IpProtocol = "tcp",
                FromPort = 22,
                ToPort = 22,
                CidrIpv4 = props.AllowedIngressCidr,
            });
        }
    }

    /// <summary>The group of the primary (master) node.</summary>
    public SecurityGroup Primary { get; }

    /// <summary>The group of the core nodes.</summary>
    public SecurityGroup Core { get; }

    private SecurityGroup Group(string role, EmrSecurityGroupsProps props, string description)
    {
        var group = new SecurityGroup(this, role, new SecurityGroupConfig
        {
            Name = $"{props.NamePrefix}-emr-{role}",
            Description = description,
            VpcId = props.VpcId,
            // EMR writes rules that reference the other group; without revoking them first, destroy fails with DependencyViolation.
            RevokeRulesOnDelete = true,
            Tags = EmrManagedPolicyTag.WithName($"{props.NamePrefix}-emr-{role}"),
        });
        // Nodes fetch packages, the job and data from outside the VPC.
        new VpcSecurityGroupEgressRule(this, $"{role}-egress", new VpcSecurityGroupEgressRuleConfig
        {
            SecurityGroupId = group.Id,
            Description = "All outbound traffic",
            IpProtocol = "-1",
            CidrIpv4 = "0.0.0.0/0",
        });
        return group;
    }
}
