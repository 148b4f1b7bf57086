namespace MnistEmr.Review.Core;

/// <summary>The price of one instance group of the cluster.</summary>
/// <param name="Role">primary or core.</param>
/// <param name="InstanceType">EC2 instance type.</param>
/// <param name="Count">Number of instances.</param>
/// <param name="Market">on-demand, or spot with its maximum price.</param>
/// <param name="Ec2PerHour">EC2's share per hour for the whole group (the bid on spot); null when the type is not in the price table.</param>
/// <param name="EmrPerHour">EMR's fee per hour for the whole group; null when the table has none for the type.</param>
/// <param name="Missing">What of the group's price the table lacks (see <see cref="CostFigure.Missing"/>); empty when both shares are known.</param>
internal sealed record InstanceGroupCost(string Role, string InstanceType, int Count, string Market, decimal? Ec2PerHour, decimal? EmrPerHour, IReadOnlyList<string> Missing)
{
    /// <summary>EC2 plus EMR per hour for the whole group, as far as the table knows them.</summary>
    public CostFigure Price => new(Ec2PerHour is null && EmrPerHour is null ? null : (Ec2PerHour ?? 0m) + (EmrPerHour ?? 0m), Missing);

    /// <summary>What <see cref="Covers"/> says of a price known for EC2 alone.</summary>
    public const string Ec2Only = "EC2 only";

    /// <summary>"EC2 only" when the EC2 share is known and EMR's fee is not; null otherwise.</summary>
    public string? Covers => Ec2PerHour is not null && EmrPerHour is null ? Ec2Only : null;

    /// <summary>EC2 plus EMR per hour for the whole group; null when either is unknown.</summary>
    public decimal? PerHour => Price.Amount;
}
