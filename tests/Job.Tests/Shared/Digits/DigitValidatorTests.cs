namespace MnistEmr.Job.Tests.Shared.Digits;

[TestFixture]
public class DigitValidatorTests
{
    private static readonly DigitCandidate Candidate = new("train/a/x");
    private static readonly byte[] GoodPng = PngCodec.EncodeGray(new byte[784], 28, 28);

    [TestCase("7", 7)]
    [TestCase("0\n", 0)]
    [TestCase("9\r\n", 9)]
    public void ParseLabel_OneDigit_ReturnsIt(string text, int expected)
    {
        Assert.That(DigitValidator.ParseLabel(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));
    }

    [TestCase("12")]
    [TestCase("a")]
    [TestCase(" 7")]
    [TestCase("7\n\n")]
    [TestCase("-1")]
    public void Validate_LabelNotOneDigit_IsBadLabel(string text)
    {
        var rejection = Rejected(GoodPng, Encoding.ASCII.GetBytes(text));

        Assert.That(rejection.Reason, Is.EqualTo(RejectionReason.BadLabel));
        Assert.That(rejection.Key, Is.EqualTo("train/a/x.txt"));
    }

    [Test]
    public void Validate_PngDoesNotDecode_IsUndecodable()
    {
        var rejection = Rejected("not a png"u8.ToArray(), "3"u8.ToArray());

        Assert.That(rejection.Reason, Is.EqualTo(RejectionReason.UndecodablePng));
        Assert.That(rejection.Key, Is.EqualTo("train/a/x.png"));
    }

    [Test]
    public void Validate_PngNot28x28_IsWrongSize()
    {
        var rejection = Rejected(PngCodec.EncodeGray(new byte[27 * 28], 27, 28), "3"u8.ToArray());

        Assert.That(rejection.Reason, Is.EqualTo(RejectionReason.WrongSize));
        Assert.That(rejection.Detail, Does.Contain("27x28"));
    }

    [Test]
    public void Validate_PngDeclares30000x30000_IsWrongSizeFromTheHeader()
    {
        var rejection = Rejected(CraftedPng.DeclaresHuge(), "3"u8.ToArray());

        Assert.That(rejection.Reason, Is.EqualTo(RejectionReason.WrongSize));
        Assert.That(rejection.Detail, Is.EqualTo("30000x30000, not 28x28"));
    }

    [Test]
    public void Validate_PngDataInflatesBeyond28x28_IsUndecodable()
    {
        var rejection = Rejected(CraftedPng.InflatesHuge(), "3"u8.ToArray());

        Assert.That(rejection.Reason, Is.EqualTo(RejectionReason.UndecodablePng));
        Assert.That(rejection.Detail, Does.Contain("inflates to more than"));
    }

    [Test]
    public void Validate_GoodPair_ReturnsDigit()
    {
        var digit = DigitValidator.Validate(Candidate, GoodPng, "4"u8.ToArray(), out var rejection);

        Assert.That(rejection, Is.Null);
        Assert.That(digit!.Label, Is.EqualTo(4));
        Assert.That(digit.Pixels, Has.Length.EqualTo(784));
    }

    [Test]
    public void Validate_BinaryLabel_DetailStaysPrintable()
    {
        DigitValidator.Validate(Candidate, GoodPng, [0x00, 0x01, 0xFF, 0x37], out var rejection);

        Assert.That(rejection!.Reason, Is.EqualTo(RejectionReason.BadLabel));
        Assert.That(rejection.Detail, Does.Not.Match(@"[\x00-\x1F\uFFFD]"), "no NUL or control byte reaches a card or report");
        Assert.That(rejection.Detail, Does.Contain(@"\x00\x01\xFFFD7"));
    }

    [Test]
    public void Rejection_LongOrBinaryDetail_IsEscapedAndCut()
    {
        var rejection = new Rejection("k", RejectionReason.UndecodablePng, "IDA\u00AB\0\0\u0001" + new string('x', 500));

        Assert.That(rejection.Detail, Does.StartWith(@"IDA«\x00\x00\x01xxx"));
        Assert.That(rejection.Detail, Has.Length.EqualTo(Rejection.MaxDetailLength + 1));
        Assert.That(rejection.Detail, Does.EndWith("…"));
        Assert.That(new Rejection("k", RejectionReason.BadLabel, "fine").Detail, Is.EqualTo("fine"));
    }

    /// <summary>Validates the pair, which must be rejected: no digit, and the rejection it gives.</summary>
    private static Rejection Rejected(byte[] png, byte[] label)
    {
        var digit = DigitValidator.Validate(Candidate, png, label, out var rejection);

        Assert.That(digit, Is.Null);
        return rejection!;
    }
}
