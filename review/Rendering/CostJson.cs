namespace MnistEmr.Review.Rendering;

/// <summary>
/// The <c>cost</c> object of <c>review.json</c>. Money is a number in the table's currency, or null for unknown (a sum
/// with any unknown part); <c>atLeast</c> holds each sum's known part, a lower bound (the sum itself when whole, null
/// when no part is known), and <c>missing</c> names what the sums lack.
/// </summary>
internal static class CostJson
{
    /// <summary>Builds the object.</summary>
    public static JsonObject Build(CostEstimate cost) => new()
    {
        ["currency"] = cost.Prices?.Currency,
        ["region"] = cost.Region,
        ["pricesAsOf"] = cost.Prices?.AsOf,
        ["pricesSource"] = cost.Prices?.Source,
        ["pricesSourceUrls"] = cost.Prices is { } p ? new JsonArray(p.SourceUrls.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()) : null,
        ["perHour"] = cost.PerHour,
        ["runHours"] = cost.RunHours,
        ["runHoursGiven"] = cost.RunHoursGiven,
        ["lifecycle"] = cost.Transient ? "transient" : "persistent",
        ["idleHours"] = cost.IdleHours,
        ["perRun"] = cost.PerRun,
        ["requestsPerRun"] = cost.RequestsPerRun,
        ["totalPerRun"] = cost.TotalPerRun,
        ["worstIdle"] = cost.WorstIdle,
        ["storagePerMonth"] = cost.StoragePerMonth,
        ["kmsKeysPerMonth"] = cost.KmsKeysPerMonth,
        ["atLeast"] = new JsonObject
        {
            ["perHour"] = cost.PerHourFigure.Known,
            ["perRun"] = cost.PerRunFigure.Known,
            ["requestsPerRun"] = cost.RequestsPerRunFigure.Known,
            ["totalPerRun"] = cost.TotalPerRunFigure.Known,
            ["totalPerReRun"] = cost.TotalPerReRunFigure.Known,
            ["worstIdle"] = cost.WorstIdleFigure.Known,
            ["storagePerMonth"] = cost.StoragePerMonthFigure.Known,
        },
        ["missing"] = new JsonArray(cost.Missing.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        ["runTime"] = cost.RunTime is { } run ? RunTime(run) : null,
        ["totalPerReRun"] = cost.TotalPerReRun,
        ["reRunTime"] = cost.ReRunTime is { } reRun ? RunTime(reRun) : null,
        ["groups"] = new JsonArray(cost.Groups.Select(g => (JsonNode?)new JsonObject
        {
            ["role"] = g.Role, ["instanceType"] = g.InstanceType, ["count"] = g.Count, ["market"] = g.Market, ["perHour"] = g.PerHour,
            ["perHourAtLeast"] = g.Price.Known, ["missing"] = new JsonArray(g.Missing.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        }).ToArray()),
        ["assumptions"] = new JsonArray(cost.Assumptions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
    };

    private static JsonObject RunTime(RunTimeEstimate run) => new()
    {
        ["provisioningMinutes"] = Minutes(run.ProvisioningSeconds),
        ["stepMinutes"] = Minutes(run.StepSeconds),
        ["shutdownMinutes"] = Minutes(run.ShutdownSeconds),
        ["totalMinutes"] = Minutes(run.TotalSeconds),
        ["steps"] = new JsonArray(run.Steps.Select(s => (JsonNode?)new JsonObject
        {
            ["name"] = s.Name,
            ["minutes"] = Minutes(s.Seconds),
            ["basis"] = s.Basis,
            ["s3Requests"] = Requests(s.Requests),
        }).ToArray()),
        ["s3Requests"] = Requests(run.Requests),
    };

    private static JsonObject Requests(S3RequestCounts r) => new()
    {
        ["get"] = Math.Round(r.Gets), ["put"] = Math.Round(r.Puts), ["listPages"] = Math.Round(r.ListPages),
    };

    private static double Minutes(double seconds) => Math.Round(seconds / 60, 2);
}
