namespace MnistEmr.Review.Io;

/// <summary>Whether this machine has AWS credentials Terraform's provider would find (without asking AWS).</summary>
internal static class AwsCredentials
{
    /// <summary>True when an environment variable or a shared config file supplies credentials.</summary>
    public static bool Present()
    {
        string[] variables = ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"];
        if (variables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))))
            return true;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var files = new[]
        {
            Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(home, ".aws", "credentials"),
            Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? Path.Combine(home, ".aws", "config"),
        };
        return files.Any(File.Exists);
    }
}
