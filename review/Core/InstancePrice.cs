namespace MnistEmr.Review.Core;

/// <summary>What one instance-hour of a type costs on EMR.</summary>
/// <param name="Ec2">EC2 on-demand price (Linux) per hour.</param>
/// <param name="Emr">
/// EMR's price per hour, charged on top of EC2; null where no published figure was found, which makes the type's
/// per-hour price unknown rather than guessed.
/// </param>
internal sealed record InstancePrice(decimal Ec2, decimal? Emr)
{
    /// <summary>EC2 plus EMR per instance-hour, or null when EMR's share is unknown.</summary>
    public decimal? PerHour => Emr is { } emr ? Ec2 + emr : null;
}
