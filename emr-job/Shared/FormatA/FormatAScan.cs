namespace MnistEmr.Job.Shared.FormatA;

/// <summary>One split of FORMAT A as read: the digits used and every input rejected.</summary>
/// <param name="Split">The split.</param>
/// <param name="Used">Validated digits, ordered by key.</param>
/// <param name="Rejections">Rejected inputs, ordered by key.</param>
/// <param name="Warnings">Problems with the tree as a whole, such as an empty tree.</param>
internal sealed record FormatAScan(DatasetSplit Split, IReadOnlyList<LabeledDigit> Used, IReadOnlyList<Rejection> Rejections, IReadOnlyList<string> Warnings)
{
    /// <summary>Every input considered: used plus rejected, by construction.</summary>
    public int Inputs => Used.Count + Rejections.Count;

    /// <summary>Used digits per label 0-9.</summary>
    public IReadOnlyList<int> LabelCounts => Enumerable.Range(0, 10).Select(l => Used.Count(d => d.Label == l)).ToList();

    /// <summary>Rejections per reason.</summary>
    public IReadOnlyDictionary<RejectionReason, int> RejectionsByReason =>
        Rejections.GroupBy(r => r.Reason).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// SHA-256 over the sorted (key, PNG SHA-256, label) lines of the used digits: the same data gives the same hash
    /// wherever it is stored.
    /// </summary>
    public string DataHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var digit in Used.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var png = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(digit.Png));
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{digit.Key}\t{png}\t{digit.Label}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
