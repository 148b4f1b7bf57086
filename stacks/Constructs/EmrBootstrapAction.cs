namespace MnistEmr.Stacks.Constructs;

/// <summary>A script every node runs before applications start.</summary>
/// <param name="Name">The action's name.</param>
/// <param name="ScriptUri">The script's <c>s3://</c> URI.</param>
/// <param name="Arguments">Arguments passed to the script.</param>
public sealed record EmrBootstrapAction(string Name, string ScriptUri, IReadOnlyList<string> Arguments);
