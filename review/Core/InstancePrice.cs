namespace Pipeline.Review.Core;

/// <summary>What one instance-hour of a type costs on EMR.</summary>
/// <param name="Ec2">EC2 on-demand price (Linux) per hour.</param>
/// <param name="Emr">EMR's price per hour, charged on top of EC2.</param>
public sealed record InstancePrice(decimal Ec2, decimal Emr);
