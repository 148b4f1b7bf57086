namespace MnistEmr.Job.Tests.Shared.FormatA;

[TestFixture]
public class FormatAPairingTests
{
    [Test]
    public void Pair_MatchingNamesInSameFolder_BecomeCandidates()
    {
        var result = FormatAPairing.Pair(["train/a/x.png", "train/a/x.txt", "train/b/y.txt", "train/b/y.png"]);

        Assert.That(result.Candidates.Select(c => c.Stem), Is.EqualTo(new[] { "train/a/x", "train/b/y" }));
        Assert.That(result.Rejections, Is.Empty);
    }

    [Test]
    public void Pair_OrphansAndOtherFiles_AreRejectedEachOnce()
    {
        var result = FormatAPairing.Pair(["t/a/x.png", "t/b/x.txt", "t/c/y.png", "t/c/notes.md"]);

        Assert.That(result.Candidates, Is.Empty, "same name in another folder is not a pair");
        Assert.That(result.Rejections.Select(r => (r.Key, r.Reason)), Is.EqualTo(new[]
        {
            ("t/a/x.png", RejectionReason.OrphanPng),
            ("t/b/x.txt", RejectionReason.OrphanTxt),
            ("t/c/notes.md", RejectionReason.UnexpectedFile),
            ("t/c/y.png", RejectionReason.OrphanPng),
        }));
    }
}
