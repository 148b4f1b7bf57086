namespace MnistEmr.Review.Core;

/// <summary>One monthly charge of a part around the run.</summary>
/// <param name="Part">The monitoring part.</param>
/// <param name="Resource">The resource that is charged.</param>
/// <param name="PerMonth">USD a month at most (0 when free).</param>
/// <param name="Basis">Why, with the pricing page's terms.</param>
internal sealed record MonitoringCharge(PipelineNode Part, string Resource, decimal PerMonth, string Basis);

/// <summary>
/// What the parts around a run (<see cref="PipelineNodes.Monitoring"/>) cost a month, found in the plan by resource type
/// and priced from <see cref="MonitoringPrices"/>: the notifications are free but for their topic's key, the
/// dashboard is free within CloudWatch's free tier and $3.00 beyond it, the Studio is free.
/// </summary>
/// <param name="Charges">Each charge, in catalogue order; empty when the plan has no monitoring part.</param>
internal sealed record MonitoringCost(IReadOnlyList<MonitoringCharge> Charges)
{
    /// <summary>The most the parts cost a month (the dashboard counted at its price beyond the free tier).</summary>
    public decimal PerMonth => Charges.Sum(c => c.PerMonth);

    /// <summary>Prices the plan's monitoring parts.</summary>
    public static MonitoringCost Of(TerraformPlan plan)
    {
        var live = plan.Managed.Where(r => r.Action != ChangeAction.Delete).ToArray();
        var charges = new List<MonitoringCharge>();
        foreach (var rule in live.Where(r => r.Type == "aws_cloudwatch_event_rule"))
            charges.Add(new(PipelineParts.Of(rule), rule.Address, 0m,
                "EventBridge: state-change events AWS services publish to the default event bus are free, and so is matching them (Amazon EventBridge Pricing)"));
        foreach (var topic in live.Where(r => r.Type == "aws_sns_topic"))
            charges.Add(new(PipelineParts.Of(topic), topic.Address, 0m,
                "SNS: no charge for a topic; a run publishes a few messages, far inside the free first million requests a month (Amazon SNS Pricing)"));
        foreach (var subscription in live.Where(r => r.Type == "aws_sns_topic_subscription"))
            charges.Add(new(PipelineParts.Of(subscription), subscription.Address, 0m,
                $"SNS email: the first {MonitoringPrices.FreeEmailsPerMonth:N0} a month are free, then ${MonitoringPrices.EmailPer100000:0.00} per 100,000; a run sends a handful (its end, and a failed step with the steps it cancels) (Amazon SNS Pricing)"));
        foreach (var key in live.Where(r => r.Type == "aws_kms_key" && PipelineParts.Of(r).Kind == NodeKind.Monitoring))
            charges.Add(new(PipelineParts.Of(key), key.Address, MonitoringPrices.KmsKeyPerMonth,
                $"KMS: ${MonitoringPrices.KmsKeyPerMonth:0.00} a month for a customer managed key, prorated by the hour; EventBridge cannot publish to a topic under the free AWS managed key (AWS KMS Pricing)"));
        foreach (var dashboard in live.Where(r => r.Type == "aws_cloudwatch_dashboard"))
        {
            var metrics = MetricCount(dashboard);
            var within = metrics is null or <= MonitoringPrices.FreeTierDashboardMetrics;
            var counted = metrics is { } n ? $"{n} metrics" : $"its body is known after apply ({RunDashboard.MetricCount(withRule: true)} metrics as the stack draws it)";
            charges.Add(new(PipelineParts.Of(dashboard), dashboard.Address, MonitoringPrices.DashboardPerMonth,
                within
                    ? $"CloudWatch: ${MonitoringPrices.DashboardPerMonth:0.00} a month, or nothing while the account has at most {MonitoringPrices.FreeTierDashboards} dashboards "
                      + $"of up to {MonitoringPrices.FreeTierDashboardMetrics} metrics (the free tier); {counted}; EMR's metrics themselves are free (Amazon CloudWatch Pricing)"
                    : $"CloudWatch: ${MonitoringPrices.DashboardPerMonth:0.00} a month: {counted}, more than the free tier's {MonitoringPrices.FreeTierDashboardMetrics} (Amazon CloudWatch Pricing)"));
        }
        foreach (var studio in live.Where(r => r.Type == "aws_emr_studio"))
            charges.Add(new(PipelineParts.Of(studio), studio.Address, 0m,
                "EMR Studio: no additional charge; its workspaces run on the cluster priced above, which a persistent cluster keeps until its idle timeout (Amazon EMR Pricing)"));
        return new MonitoringCost(charges.OrderBy(c => c.Part).ThenBy(c => c.Resource, StringComparer.Ordinal).ToArray());
    }

    private static int? MetricCount(PlanResource dashboard) =>
        (string?)dashboard.Values?["dashboard_body"] is { } body && JsonNode.Parse(body)?["widgets"] is JsonArray widgets
            ? widgets.Sum(w => w?["properties"]?["metrics"]?.AsArray().Count ?? 0)
            : null;
}
