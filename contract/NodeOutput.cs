namespace MnistEmr.Contract;

/// <summary>A Terraform output the stack declares for a node, by the snake_case name every reader uses.</summary>
/// <param name="Name">The output's name, e.g. <c>s3_2_format_a_uri</c>.</param>
/// <param name="Description">What it holds, as the stack describes it.</param>
public sealed record NodeOutput(string Name, string Description);
