namespace MnistEmr.Job.Explode;

/// <summary>
/// How much of an explode a split's FORMAT A tree holds, judged from explode's plans and shard manifests against the
/// digits found: an explode cut short (Ctrl-C, a lost process, a failed shard) leaves shards without a manifest, and
/// a tree that lost files after the fact has manifests naming digits that are not there.
/// </summary>
/// <param name="Split">The split.</param>
/// <param name="ShardCount">The shard count judged (the explode the tree was written by).</param>
/// <param name="Digits">The digits that explode writes in all, when known (from its plan or its last shard).</param>
/// <param name="MissingShards">Shards with no manifest: never finished.</param>
/// <param name="MissingDigits">Digit keys (PNG) the present manifests list whose .png or .txt is not in the tree.</param>
/// <param name="Found">Digits found whole in the tree (a .png with its .txt), usable or not.</param>
/// <param name="ForeignDigits">
/// Digits found that no manifest of the judged explode lists, counted when all its shards finished: left by another
/// explode (another seed or layout writes other keys), so the tree holds some digits twice.
/// </param>
internal sealed record ExplodeCoverage(
    DatasetSplit Split, int ShardCount, int? Digits, IReadOnlyList<int> MissingShards, IReadOnlyList<string> MissingDigits, int Found, int ForeignDigits = 0)
{
    /// <summary>Whether every shard finished, every digit it wrote is still there, and nothing else is.</summary>
    public bool Complete => MissingShards.Count == 0 && MissingDigits.Count == 0 && ForeignDigits == 0;

    /// <summary>
    /// Judges the tree of <paramref name="split"/> against the explode <see cref="ExplodeProgress.Of"/> picks. Null
    /// when no explode left a plan or manifest (a tree written by something else: nothing to compare).
    /// </summary>
    /// <param name="split">The split.</param>
    /// <param name="plans">The explode plans found under <c>_manifests/&lt;split&gt;/</c>.</param>
    /// <param name="manifests">The shard manifests found there.</param>
    /// <param name="foundStems">The keys without extension of the digits found whole (both files listed).</param>
    public static ExplodeCoverage? Of(
        DatasetSplit split, IReadOnlyList<ExplodePlan> plans, IReadOnlyList<ShardManifest> manifests, IReadOnlySet<string> foundStems)
    {
        if (ExplodeProgress.Of(split, plans, manifests) is not { } progress)
        {
            return null;
        }

        var missingDigits = progress.Finished
            .SelectMany(m => m.PngKeys)
            .Where(key => !foundStems.Contains(key[..^FormatAKeys.PngExtension.Length]))
            .Order(StringComparer.Ordinal)
            .ToList();
        var foreign = 0;
        if (progress.MissingShards.Count == 0)
        {
            var listed = progress.Finished.SelectMany(m => m.PngKeys).Select(key => key[..^FormatAKeys.PngExtension.Length]).ToHashSet(StringComparer.Ordinal);
            foreign = foundStems.Count(stem => !listed.Contains(stem));
        }

        return new ExplodeCoverage(split, progress.ShardCount, progress.Digits, progress.MissingShards, missingDigits, foundStems.Count, foreign);
    }

    /// <summary>One line saying what is missing, for the error (or, when allowed, the warning).</summary>
    public string Describe()
    {
        var split = MnistFiles.PrefixOf(Split);
        var parts = new List<string>();
        if (MissingShards.Count > 0)
        {
            parts.Add(Inv($"explode finished {ShardCount - MissingShards.Count} of its {ShardCount} shards (no manifest under {FormatAKeys.ManifestsOf(Split)} for shard{(MissingShards.Count == 1 ? string.Empty : "s")} {Ranges(MissingShards)})"));
        }

        if (MissingDigits.Count > 0)
        {
            parts.Add(Inv($"{MissingDigits.Count} digit{(MissingDigits.Count == 1 ? " its manifests list is" : "s its manifests list are")} missing a file, e.g. {MissingDigits[0]}"));
        }

        if (ForeignDigits > 0)
        {
            parts.Add(Inv($"{ForeignDigits:N0} digit{(ForeignDigits == 1 ? " is" : "s are")} here that its manifests do not list (left by an explode with another seed or layout, so some digits would count twice: empty {split} and explode again)"));
        }

        var of = Digits is { } all ? Inv($"{Found:N0} of its {all:N0} digits are here") : Inv($"{Found:N0} digits are here");
        return Inv($"{split} is {(MissingShards.Count == 0 && MissingDigits.Count == 0 ? "not one explode's" : "incomplete")}: {string.Join("; ", parts)}; {of}");
    }

    /// <summary>0, 2, 3, 4, 7 as "0, 2-4, 7"; at most ten runs, then how many more shards.</summary>
    public static string Ranges(IReadOnlyList<int> sorted)
    {
        var runs = new List<(int From, int To)>();
        foreach (var n in sorted)
        {
            if (runs.Count > 0 && runs[^1].To == n - 1)
            {
                runs[^1] = (runs[^1].From, n);
            }
            else
            {
                runs.Add((n, n));
            }
        }

        var shown = runs.Take(10).Select(r => r.From == r.To ? Inv($"{r.From}") : Inv($"{r.From}-{r.To}")).ToList();
        var rest = runs.Skip(10).Sum(r => r.To - r.From + 1);
        return string.Join(", ", shown) + (rest > 0 ? Inv($" and {rest} more") : string.Empty);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
