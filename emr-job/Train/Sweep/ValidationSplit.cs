namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// The validation part a sweep judges its configurations on: carved from the training digits only (never the test
/// split), by a seeded hash of each digit's FORMAT A key rather than by position, so it is the same whatever order
/// the digits arrive in (Spark gives no order) and the same for every configuration.
/// </summary>
internal static class ValidationSplit
{
    /// <summary>The share of the training digits held out for validation.</summary>
    public const double Fraction = 0.1;

    /// <summary>Splits <paramref name="digits"/> into the part configurations are fitted on and the validation part, each in the given order.</summary>
    public static (IReadOnlyList<LabeledDigit> Fit, IReadOnlyList<LabeledDigit> Validation) Split(IReadOnlyList<LabeledDigit> digits, int seed)
    {
        var fit = new List<LabeledDigit>(digits.Count);
        var validation = new List<LabeledDigit>(digits.Count / 8);
        foreach (var digit in digits)
        {
            (IsValidation(digit.Key, seed) ? validation : fit).Add(digit);
        }

        return (fit, validation);
    }

    /// <summary>Whether the digit at <paramref name="key"/> is held out for validation under <paramref name="seed"/>.</summary>
    public static bool IsValidation(string key, int seed)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{key}"), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) < (ulong)(Fraction * ulong.MaxValue);
    }
}
