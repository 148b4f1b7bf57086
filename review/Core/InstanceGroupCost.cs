namespace MnistEmr.Review.Core;

/// <summary>The price of one instance group of the cluster.</summary>
/// <param name="Role">primary or core.</param>
/// <param name="InstanceType">EC2 instance type.</param>
/// <param name="Count">Number of instances.</param>
/// <param name="Market">on-demand, or spot with its maximum price.</param>
/// <param name="PerHour">EC2 plus EMR per hour for the whole group; null when the type is not in the price table.</param>
internal sealed record InstanceGroupCost(string Role, string InstanceType, int Count, string Market, decimal? PerHour);
