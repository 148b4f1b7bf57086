namespace MnistEmr.Job.Shared.Cli;

/// <summary>Builds the URI options of the stages' inputs and outputs.</summary>
internal static class StoreOption
{
    /// <summary>A required URI option, which <paramref name="aliases"/> name too.</summary>
    public static Option<string> Required(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = $"{description}: s3://bucket/prefix, a file:// URI or a folder path.", HelpName = "uri", Required = true };

    /// <summary>An optional URI option.</summary>
    public static Option<string?> Optional(string name, string description) =>
        new(name) { Description = $"{description}: s3://bucket/prefix, a file:// URI or a folder path.", HelpName = "uri" };

    /// <summary>Parses the value of <paramref name="option"/>.</summary>
    public static StoreLocation Read(ParseResult parse, Option<string> option) => StoreLocation.Parse(parse.GetValue(option)!, option.Name);
}
