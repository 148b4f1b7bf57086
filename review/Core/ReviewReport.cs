namespace MnistEmr.Review.Core;

/// <summary>Everything the review says about one plan, computed from the plan alone.</summary>
internal sealed record ReviewReport
{
    /// <summary>What was reviewed: a stack folder or a plan file.</summary>
    public required string Subject { get; init; }

    /// <summary>The stack's name (its folder under <c>cdktf.out/stacks/</c>); null when a plan file was reviewed.</summary>
    public string? Stack { get; init; }

    /// <summary>
    /// The title of review.md and review.html: the stack reviewed ("Plan review of stack mnist-pipeline"), or the plan
    /// file's name, not the folder it was read from.
    /// </summary>
    public string Title => Stack is { } stack ? $"Plan review of stack {stack}" : $"Plan review of {Path.GetFileName(Subject)}";

    /// <summary>Whether the plan was made offline with placeholder credentials.</summary>
    public required bool Offline { get; init; }

    /// <summary>The Terraform version that made the plan.</summary>
    public string? TerraformVersion { get; init; }

    /// <summary>Creates, updates, replaces and deletes.</summary>
    public required ChangeSummary Changes { get; init; }

    /// <summary>The path of the data.</summary>
    public required DataFlow DataFlow { get; init; }

    /// <summary>The security checks and the instance profile's S3 rights.</summary>
    public required SecurityReview Security { get; init; }

    /// <summary>The cost estimate.</summary>
    public required CostEstimate Cost { get; init; }

    /// <summary>What the parts around a run (notifications, dashboard, notebooks) cost a month.</summary>
    public MonitoringCost Monitoring { get; init; } = new([]);

    /// <summary>What a destroy removes and what stops it; null unless the plan destroys.</summary>
    public DestroyReview? Destroy { get; init; }

    /// <summary>Which part refers to which, from the plan's references (the JSON's <c>diagram.edges</c>).</summary>
    public required ArchitectureDiagram Diagram { get; init; }

    /// <summary>The pipeline as its users draw it, from the plan: the diagram of review.html and review.md.</summary>
    public required PipelineDiagram Pipeline { get; init; }

    /// <summary>The pipeline diagram as the layout engine drew it; null when no drawing was attempted (the report alone).</summary>
    public DiagramDrawing? Drawing { get; init; }

    /// <summary>How long each phase took.</summary>
    public IReadOnlyDictionary<string, double> TimingsSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>Reviews a plan.</summary>
    public static ReviewReport Of(TerraformPlan plan, ReviewSettings settings)
    {
        var flow = DataFlow.Of(plan);
        return new()
        {
            Subject = settings.Subject,
            Stack = settings.Stack,
            Offline = settings.Offline,
            TerraformVersion = plan.TerraformVersion,
            Changes = ChangeSummary.Of(plan),
            DataFlow = flow,
            Security = SecurityReview.Of(plan, settings.AllowedIngressCidr),
            Cost = CostEstimate.Of(plan, settings.PriceTables, settings.RunHours),
            Monitoring = MonitoringCost.Of(plan),
            Destroy = settings.Destroy || plan.IsDestroy || plan.Managed.Any(r => r.Action == ChangeAction.Delete) ? DestroyReview.Of(plan) : null,
            Diagram = ArchitectureDiagram.Of(plan),
            Pipeline = PipelineDiagram.Of(plan, flow),
        };
    }
}
