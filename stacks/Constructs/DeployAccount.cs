namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The AWS account the stack is deployed to, as every policy that pins the account needs it: the <c>accountId</c>
/// setting when one is given, else the account of the deploying credentials, read at plan time by the
/// <c>aws_caller_identity</c> data source (STS GetCallerIdentity, which needs no permission: "GetCallerIdentity", AWS
/// STS API Reference). So the confused-deputy conditions are there with no setting.
/// </summary>
/// <remarks>
/// Without the setting the stack also declares the Terraform variable <c>account_id</c> (default empty): a non-empty
/// value replaces the caller identity, and the data source is then not read at all (its <c>count</c> is 0). That is how
/// a plan without AWS credentials still resolves every ARN (the review's offline plan passes a placeholder account
/// through <c>TF_VAR_account_id</c> in its own workspace), and how a user of the plain-Terraform exit path pins the account
/// (<c>terraform plan -var account_id=...</c>). The deployed stack is the same either way.
/// </remarks>
public sealed class DeployAccount : Construct
{
    /// <summary>The Terraform variable's name (its logical id under the stack).</summary>
    public const string VariableName = "account_id";

    /// <summary>Creates the account's source: nothing when <paramref name="accountId"/> is given.</summary>
    /// <param name="scope">The stack (the variable's name is the construct path in snake case).</param>
    /// <param name="id">Construct id; with the variable's id <c>id</c> it must make <see cref="VariableName"/>.</param>
    /// <param name="accountId">The <c>accountId</c> setting, or null to read the account at plan time.</param>
    public DeployAccount(Construct scope, string id, string? accountId) : base(scope, id)
    {
        if (accountId is not null)
        {
            Id = accountId;
            return;
        }

        Variable = new TerraformVariable(this, "id", new TerraformVariableConfig
        {
            Type = "string",
            Default = "",
            Description = "The 12-digit AWS account deployed to; empty (the default) reads it from the deploying credentials (aws_caller_identity)",
            Validation = new[]
            {
                new TerraformVariableValidationConfig
                {
                    Condition = $"${{can(regex(\"^([0-9]{{12}})?$\", var.{VariableName}))}}",
                    ErrorMessage = "account_id must be empty or a 12-digit AWS account id such as 123456789012.",
                },
            },
        });
        // Also as an override: CDKTF 0.21's HCL output drops an empty default, which would make the variable required.
        Variable.AddOverride("default", "");
        Caller = new DataAwsCallerIdentity(this, "caller");
        // Read only when the variable is empty; coalesce skips the empty string, one() gives null for no instance.
        Caller.AddOverride("count", $"${{{Variable.Fqn} == \"\" ? 1 : 0}}");
        // A local, so the account is one token CDKTF can place anywhere, inside function calls (jsonencode) too.
        Id = new TerraformLocal(this, "resolved", $"${{coalesce({Variable.Fqn}, one({Caller.Fqn}[*].account_id))}}").AsString;
    }

    /// <summary>The account id: the setting's literal, or an expression Terraform resolves at plan time.</summary>
    public string Id { get; }

    /// <summary>The <c>account_id</c> variable; null when the setting gives the account.</summary>
    public TerraformVariable? Variable { get; }

    /// <summary>The caller identity read when the variable is empty; null when the setting gives the account.</summary>
    public DataAwsCallerIdentity? Caller { get; }
}
