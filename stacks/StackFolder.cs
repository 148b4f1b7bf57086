using System.Text.Json;

namespace MnistEmr.Stacks;

/// <summary>
/// A synthesized stack's folder (<c>cdktf.out/stacks/&lt;stack&gt;/</c>), owned by synthesis: it holds the stack in one
/// format, <c>cdk.tf.json</c> or <c>cdk.tf</c> (<c>cdktf synth --hcl</c>). Terraform reads every <c>.tf</c> and
/// <c>.tf.json</c> file of a folder, so a file of the other format left by an earlier synthesis makes every resource a
/// duplicate ("Duplicate ... configuration", hundreds of lines) and nothing in cdktf removes it.
/// </summary>
public static class StackFolder
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
