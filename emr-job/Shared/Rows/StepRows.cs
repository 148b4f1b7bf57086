namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// Each step's <c>rows</c> stages, keyed by the contract's step: the adapters live in the step's folder, and a test
/// fails when a step of <see cref="PipelineSteps.All"/> has no entry or its SQL runs a stage its entry lacks.
/// </summary>
internal static class StepRows
{
    /// <summary>The stages of each step.</summary>
    public static IReadOnlyDictionary<StepDefinition, Func<ToolEnvironment, IEnumerable<Command>>> ByStep { get; } =
        new Dictionary<StepDefinition, Func<ToolEnvironment, IEnumerable<Command>>>
        {
            [PipelineSteps.Canary] = CanaryRows.Create,
            [PipelineSteps.Explode] = ExplodeRows.Create,
            [PipelineSteps.Train] = TrainRows.Create,
            [PipelineSteps.Evaluate] = EvaluateRows.Create,
            [PipelineSteps.Report] = ReportRows.Create,
            [PipelineSteps.Score] = ScoreRows.Create,
        };

    /// <summary>Every step's stages, in the order of <see cref="PipelineSteps.All"/>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) =>
        PipelineSteps.All.SelectMany(step => ByStep.TryGetValue(step, out var create)
            ? create(environment)
            : throw new InvalidOperationException($"the job has no rows stages for step {step.Name}"));
}
