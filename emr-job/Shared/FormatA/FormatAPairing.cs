namespace MnistEmr.Job.Shared.FormatA;

/// <summary>Pairs each <c>.png</c> with the <c>.txt</c> of the same name in the same folder.</summary>
internal static class FormatAPairing
{
    /// <summary>Pairs <paramref name="keys"/>; every key ends up in exactly one candidate or one rejection.</summary>
    public static PairingResult Pair(IEnumerable<string> keys)
    {
        var pngs = new HashSet<string>(StringComparer.Ordinal);
        var txts = new HashSet<string>(StringComparer.Ordinal);
        var rejections = new List<Rejection>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal))
            {
                pngs.Add(key[..^FormatAKeys.PngExtension.Length]);
            }
            else if (key.EndsWith(FormatAKeys.TxtExtension, StringComparison.Ordinal))
            {
                txts.Add(key[..^FormatAKeys.TxtExtension.Length]);
            }
            else
            {
                rejections.Add(new Rejection(key, RejectionReason.UnexpectedFile, "neither .png nor .txt"));
            }
        }

        var candidates = pngs.Where(txts.Contains).Order(StringComparer.Ordinal).Select(s => new DigitCandidate(s)).ToList();
        rejections.AddRange(pngs.Where(s => !txts.Contains(s)).Select(s =>
            new Rejection(s + FormatAKeys.PngExtension, RejectionReason.OrphanPng, "no .txt label of the same name in the same folder")));
        rejections.AddRange(txts.Where(s => !pngs.Contains(s)).Select(s =>
            new Rejection(s + FormatAKeys.TxtExtension, RejectionReason.OrphanTxt, "no .png image of the same name in the same folder")));
        return new PairingResult(candidates, rejections.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
    }
}
