namespace MnistEmr.Stacks.Configuration;

/// <summary>How EC2 capacity of an instance group is bought.</summary>
public enum CapacityMarket
{
    /// <summary>On-demand instances: never reclaimed.</summary>
    OnDemand,

    /// <summary>Spot instances: cheaper, reclaimed when AWS needs them; capped by a maximum price.</summary>
    Spot,
}
