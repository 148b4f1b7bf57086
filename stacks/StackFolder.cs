using System.Text.RegularExpressions;

namespace MnistEmr.Stacks;

/// <summary>
/// A synthesized stack's folder (<c>cdktf.out/stacks/&lt;stack&gt;/</c>), owned by synthesis: it holds the stack in one
/// format, <c>cdk.tf.json</c> or <c>cdk.tf</c> (<c>cdktf synth --hcl</c>). Terraform reads every <c>.tf</c> and
/// <c>.tf.json</c> file of a folder, so a file of the other format left by an earlier synthesis makes every resource a
/// duplicate ("Duplicate ... configuration", hundreds of lines) and nothing in cdktf removes it.
/// </summary>
public static partial class StackFolder
{
    /// <summary>The stack as Terraform JSON, what <c>cdktf synth</c> writes.</summary>
    public const string JsonFile = "cdk.tf.json";

    /// <summary>The stack as Terraform HCL, what <c>cdktf synth --hcl</c> writes.</summary>
    public const string HclFile = "cdk.tf";

    /// <summary>
    /// After a synthesis into <paramref name="outdir"/>: the stack file it wrote, and the stale file of the other
    /// format, removed. The written file is the one <c>manifest.json</c> names: under <c>cdktf synth --hcl</c> the
    /// app's own <c>Synth()</c> writes <c>cdk.tf</c> (cdktf's <c>SYNTH_HCL_OUTPUT</c>; the CLI only formats that
    /// file afterwards), so the app can tidy either way.
    /// </summary>
    /// <param name="outdir">The synthesis output folder (<c>cdktf.out</c>, <c>CDKTF_OUTDIR</c>).</param>
    /// <param name="stackName">The stack's name, its folder under <c>stacks/</c>.</param>
    /// <returns>The written file (the stack folder when the manifest names none) and the removed one, if any.</returns>
    public static SynthesisResult Tidy(string outdir, string stackName)
    {
        var folder = Path.Combine(outdir, "stacks", stackName);
        var written = WrittenFile(outdir, stackName);
        if (written is null)
            return new SynthesisResult(folder, null);
        if (Path.GetFileName(written) == HclFile && File.Exists(written))
            File.WriteAllText(written, WithUnquotedDependsOn(File.ReadAllText(written)));
        var stale = Path.Combine(folder, Path.GetFileName(written) == HclFile ? JsonFile : HclFile);
        if (!File.Exists(stale))
            return new SynthesisResult(written, null);
        File.Delete(stale);
        return new SynthesisResult(written, stale);
    }

    /// <summary>
    /// Why <paramref name="folder"/> cannot be planned as it is, in one line, or null: it holds both formats, which
    /// Terraform reads as every resource declared twice.
    /// </summary>
    /// <param name="folder">A synthesized stack folder.</param>
    public static string? Problem(string folder) =>
        File.Exists(Path.Combine(folder, JsonFile)) && File.Exists(Path.Combine(folder, HclFile))
            ? $"{folder} holds both {HclFile} and {JsonFile}: Terraform would read every resource twice; "
              + "synthesize again (it removes the stale one) or delete the one you did not mean"
            : null;

    /// <summary>
    /// HCL whose <c>depends_on</c> lists name their resources as references, not strings. CDKTF 0.21 renders each entry
    /// of a <c>depends_on</c> as a quoted string (<c>"aws_s3_bucket.x"</c>), which Terraform still accepts but warns
    /// about once per entry ("Quoted references are deprecated"; 52 on this stack); in JSON a plain string is the only
    /// form Terraform takes (a <c>${...}</c> there is an error), so no value the constructs could give renders right in
    /// both. Only the entries of <c>depends_on</c> lists change: every other string stays as CDKTF wrote it.
    /// </summary>
    /// <param name="hcl">The text of a <c>cdk.tf</c> as CDKTF wrote it.</param>
    public static string WithUnquotedDependsOn(string hcl) =>
        DependsOnList().Replace(hcl, list => QuotedAddress().Replace(list.Value, entry => entry.Groups[1].Value));

    [GeneratedRegex(@"(?m)^\s*depends_on\s*=\s*\[[^\]]*\]")]
    private static partial Regex DependsOnList();

    // A resource, data source or module address: the only things depends_on may name.
    [GeneratedRegex(@"""((?:data\.|module\.)?[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+)""")]
    private static partial Regex QuotedAddress();

    private static string? WrittenFile(string outdir, string stackName)
    {
        var manifest = Path.Combine(outdir, "manifest.json");
        if (!File.Exists(manifest))
            return null;
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("stacks", out var stacks)
            && stacks.TryGetProperty(stackName, out var stack)
            && stack.TryGetProperty("synthesizedStackPath", out var path)
            && path.GetString() is { Length: > 0 } relative
                ? Path.Combine(outdir, relative)
                : null;
    }
}
