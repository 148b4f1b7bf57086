using System.ComponentModel;

namespace MnistEmr.Review.Io;

/// <summary>
/// Lays out DOT with Graphviz's <c>dot</c> engine through Node.js and the npm package <c>@viz-js/viz</c> (Graphviz
/// compiled to WebAssembly, pinned in the repository's package.json): runs <c>graphviz/render-svg.cjs</c>, which
/// ships beside the review's binary, with the DOT on standard input. Node is on every machine that runs the review
/// (the CDKTF CLI needs it), the package comes with <c>npm ci</c> (scripts/setup.sh). Without either the review goes
/// on: <see cref="Draw"/> returns why the SVG was not drawn, never throws for it.
/// </summary>
/// <param name="node">The node executable, or null when none is on the PATH.</param>
/// <param name="script">The render script.</param>
/// <param name="nodeModules">A node_modules folder to resolve <c>@viz-js/viz</c> from (NODE_PATH), or null.</param>
internal sealed class GraphvizRenderer(string? node, string script, string? nodeModules)
{
    /// <summary>How long a layout may take: the pipeline's graph takes well under a second.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // render-svg.cjs's exit code when @viz-js/viz cannot be loaded.
    private const int PackageMissing = 3;

    /// <summary>The render script beside the review's binary.</summary>
    public static string DefaultScript => Path.Combine(AppContext.BaseDirectory, "graphviz", "render-svg.cjs");

    /// <summary>Finds node on the PATH and the repository's node_modules, when the review runs in a repository.</summary>
    /// <param name="repository">The repository root, or null outside one.</param>
    public static GraphvizRenderer Locate(string? repository)
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(dir => dir.Length > 0)
            .SelectMany(dir => new[] { Path.Combine(dir, "node"), Path.Combine(dir, "node.exe") })
            .FirstOrDefault(File.Exists);
        var modules = repository is null ? null : Path.Combine(repository, "node_modules");
        return new GraphvizRenderer(node, DefaultScript, modules is not null && Directory.Exists(modules) ? modules : null);
    }

    /// <summary>Lays out <paramref name="dot"/> as SVG.</summary>
    /// <returns>The SVG, or why it was not drawn.</returns>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public DiagramDrawing Draw(string dot, CancellationToken cancel)
    {
        if (node is null)
            return DiagramDrawing.NotDrawn("no 'node' on the PATH");
        if (!File.Exists(script))
            return DiagramDrawing.NotDrawn($"no render script at {script}");
        var start = new ProcessStartInfo(node, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (nodeModules is not null)
        {
            var inherited = Environment.GetEnvironmentVariable("NODE_PATH");
            start.Environment["NODE_PATH"] = string.IsNullOrEmpty(inherited) ? nodeModules : nodeModules + Path.PathSeparator + inherited;
        }
        cancel.ThrowIfCancellationRequested();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return DiagramDrawing.NotDrawn($"node could not start: {e.Message}");
        }
        using (process)
        {
            using var kill = cancel.Register(() => process.Kill(entireProcessTree: true));
            var stdout = process.StandardOutput.ReadToEndAsync(cancel);
            var stderr = process.StandardError.ReadToEndAsync(cancel);
            try
            {
                process.StandardInput.Write(dot);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The script ended before reading its input (the package is missing): its exit code says why.
            }
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return DiagramDrawing.NotDrawn($"the layout took longer than {Timeout.TotalSeconds:0} s");
            }
            cancel.ThrowIfCancellationRequested();
            var errors = stderr.Result.Trim();
            return process.ExitCode switch
            {
                0 when SvgElement(stdout.Result) is { } svg => DiagramDrawing.Drawn(svg),
                0 => DiagramDrawing.NotDrawn("the layout engine wrote no SVG"),
                PackageMissing => DiagramDrawing.NotDrawn("the npm package @viz-js/viz is not installed: run scripts/setup.sh (npm ci)"),
                _ => DiagramDrawing.NotDrawn($"the layout failed (exit {process.ExitCode}): {FirstLine(errors)}"),
            };
        }
    }

    /// <summary>The document from its <c>&lt;svg</c> element on: the XML declaration and DOCTYPE do not belong inside HTML.</summary>
    public static string? SvgElement(string document)
    {
        var start = document.IndexOf("<svg", StringComparison.Ordinal);
        var end = document.LastIndexOf("</svg>", StringComparison.Ordinal);
        return start < 0 || end < start ? null : document[start..(end + "</svg>".Length)];
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0] is { Length: > 0 } line ? line : "no message";
}
