using System.Buffers.Binary;
using System.IO.Compression;
using MnistJob.Core;
using MnistJob.Tests.Support;

namespace MnistJob.Tests.Core;

/// <summary>
/// <see cref="FixedHuffmanInflater"/> against <see cref="ZLibStream"/>, the inflater it stands in for: whatever it
/// accepts, ZLibStream must inflate to the same bytes and no more; anything else it must leave to ZLibStream.
/// </summary>
[TestFixture]
public class FixedHuffmanInflaterTests
{
    private const int Raw = 29 * 28;

    [Test]
    public async Task TryInflate_TheEncodersRealDigits_SameBytesAsZLibStream()
    {
        var digits = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Test)).Take(500).ToList();

        foreach (var digit in digits)
        {
            var zlib = ZlibOf(PngCodec.EncodeGray(digit.Pixels, 28, 28));
            var output = new byte[Raw];

            Assert.That(FixedHuffmanInflater.TryInflate(zlib, output), Is.True, digit.Key);
            Assert.That(output, Is.EqualTo(Inflate(zlib)), digit.Key);
        }
    }

    [Test]
    public void TryInflate_StoredBlocks_SameBytesAsZLibStream()
    {
        var raw = new byte[Raw];
        new Random(5).NextBytes(raw);
        var zlib = Deflate(raw, CompressionLevel.NoCompression);
        var output = new byte[Raw];

        Assert.That(FixedHuffmanInflater.TryInflate(zlib, output), Is.True);
        Assert.That(output, Is.EqualTo(raw));
    }

    [Test]
    public void TryInflate_DynamicHuffmanBlocks_LeftToZLibStream()
    {
        // Four byte values in random order: a code of their own beats the fixed code's 8 bits a byte.
        var random = new Random(6);
        var raw = Enumerable.Range(0, Raw).Select(_ => (byte)(random.Next(4) * 60)).ToArray();
        var zlib = Deflate(raw, CompressionLevel.SmallestSize);

        Assert.That((zlib[2] >> 1) & 3, Is.EqualTo(2), "the first block is dynamic-Huffman");
        Assert.That(FixedHuffmanInflater.TryInflate(zlib, new byte[Raw]), Is.False);
    }

    [Test]
    public void TryInflate_OutputOfAnotherSize_LeftToZLibStream()
    {
        var zlib = ZlibOf(PngCodec.EncodeGray(Stroke(), 28, 28));

        Assert.That(FixedHuffmanInflater.TryInflate(zlib, new byte[Raw - 1]), Is.False, "longer than asked: a bomb, judged as before");
        Assert.That(FixedHuffmanInflater.TryInflate(zlib, new byte[Raw + 1]), Is.False, "shorter than asked");
    }

    [Test]
    public void TryInflate_WrongCheckValueOrTrailingByte_LeftToZLibStream()
    {
        var zlib = ZlibOf(PngCodec.EncodeGray(Stroke(), 28, 28));
        var badCheck = zlib.ToArray();
        badCheck[^1] ^= 1;

        Assert.That(FixedHuffmanInflater.TryInflate(badCheck, new byte[Raw]), Is.False, "Adler-32");
        Assert.That(FixedHuffmanInflater.TryInflate([.. zlib[..^4], 0, .. zlib[^4..]], new byte[Raw]), Is.False, "a byte between the data and the check");
    }

    [Test]
    public void TryInflate_CorruptedStreams_AcceptsOnlyWhatZLibStreamInflatesTheSame()
    {
        // Flipped bits, cut ends and inserted bytes anywhere in the encoder's streams: every stream the fast inflater
        // accepts must be one ZLibStream inflates without error to exactly the same bytes, and end there.
        var random = new Random(17);
        var zlib = ZlibOf(PngCodec.EncodeGray(Stroke(), 28, 28));
        int accepted = 0, refused = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var corrupt = zlib.ToList();
            var at = random.Next(corrupt.Count);
            switch (trial % 3)
            {
                case 0:
                    corrupt[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    corrupt.RemoveRange(at, corrupt.Count - at);
                    break;
                default:
                    corrupt.Insert(at, (byte)random.Next(256));
                    break;
            }

            var output = new byte[Raw];
            if (!FixedHuffmanInflater.TryInflate(corrupt.ToArray(), output))
            {
                refused++;
                continue;
            }

            accepted++;
            Assert.That(Inflate(corrupt.ToArray()), Is.EqualTo(output), $"trial {trial}");
        }

        Assert.That(refused, Is.GreaterThan(2500), "most corruptions are refused");
        Assert.That(accepted + refused, Is.EqualTo(3000));
    }

    /// <summary>The IDAT data of a single-IDAT PNG.</summary>
    private static byte[] ZlibOf(byte[] png)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(PngHeader.Length));
        return png.AsSpan(PngHeader.Length + 8, length).ToArray();
    }

    private static byte[] Deflate(byte[] raw, CompressionLevel level)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>ZLibStream's bytes, read to the end; an exception fails the caller.</summary>
    private static byte[] Inflate(byte[] zlib)
    {
        using var inflate = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Stroke()
    {
        var pixels = new byte[28 * 28];
        for (var y = 4; y < 24; y++)
        {
            pixels[(y * 28) + 10 + (y / 4)] = 255;
            pixels[(y * 28) + 11 + (y / 4)] = 128;
        }

        return pixels;
    }
}
