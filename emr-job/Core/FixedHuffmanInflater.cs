using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MnistJob.Core;

/// <summary>
/// Inflates the zlib streams the job's own PNG encoder writes (stb_image_write: a 32 KB window, stored or fixed-Huffman
/// blocks only) without a native inflater per image, whose set-up was most of a digit's decoding time. It answers only
/// when the stream is beyond doubt: the zlib header and Adler-32 check hold, every block is stored or fixed-Huffman,
/// the data ends where the stream ends and the output is exactly the size asked for. Anything else (a dynamic-Huffman
/// block, a code or distance zlib would refuse, a short or long output, trailing bytes) returns false, and the caller
/// inflates with <see cref="System.IO.Compression.ZLibStream"/> as before, so its verdict on any odd stream is unchanged.
/// RFC 1950 (zlib format) and RFC 1951 (DEFLATE), section 3.2.
/// </summary>
internal static class FixedHuffmanInflater
{
    private const int Adler = 65521;

    // RFC 1951 section 3.2.5: lengths 3..258 and distances 1..32768 as a base and a count of extra bits.
    private static readonly ushort[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly ushort[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    // The fixed literal/length code (RFC 1951 section 3.2.6) indexed by the next 9 bits as read (least significant
    // first): symbol << 4 | code length.
    private static readonly ushort[] FixedLiterals = BuildFixedLiterals();

    // The fixed distance codes are 5 bits read most significant first: the code of each 5 bits as read.
    private static readonly byte[] ReversedFive = [.. Enumerable.Range(0, 32).Select(bits => (byte)Reverse(bits, 5))];

    /// <summary>
    /// Inflates <paramref name="zlib"/> into <paramref name="output"/>, which it must fill exactly; false (with
    /// <paramref name="output"/> in any state) when the stream is not one this class vouches for.
    /// </summary>
    public static bool TryInflate(ReadOnlySpan<byte> zlib, Span<byte> output)
    {
        // RFC 1950 section 2.2: deflate with a 32 KB window (CINFO 7, all stb writes), no preset dictionary.
        if (zlib.Length < 6 || zlib[0] != 0x78 || (zlib[1] & 0x20) != 0 || ((zlib[0] << 8) | zlib[1]) % 31 != 0)
        {
            return false;
        }

        // One pass with the bits in a 64-bit buffer, least significant first (RFC 1951 section 3.1.1).
        var data = zlib[..^4];
        ulong buffer = 0;
        int count = 0, at = 2, written = 0;
        bool last;
        do
        {
            if (!Fill(data, ref buffer, ref count, ref at, 3))
            {
                return false;
            }

            last = (buffer & 1) == 1;
            var type = (int)(buffer >> 1) & 3;
            (buffer, count) = (buffer >> 3, count - 3);
            if (type == 0)
            {
                // Stored: to the byte boundary, LEN, its complement, LEN bytes.
                (buffer, count) = (buffer >> (count & 7), count & ~7);
                if (!Fill(data, ref buffer, ref count, ref at, 32))
                {
                    return false;
                }

                int length = (int)(buffer & 0xFFFF), complement = (int)(buffer >> 16) & 0xFFFF;
                (buffer, count) = (buffer >> 32, count - 32);
                var buffered = count / 8;
                if ((length ^ 0xFFFF) != complement || length > output.Length - written || at - buffered + length > data.Length)
                {
                    return false;
                }

                // The bytes still in the buffer are the first of the block's: give them back and copy from the data.
                at -= buffered;
                (buffer, count) = (0, 0);
                data.Slice(at, length).CopyTo(output[written..]);
                (at, written) = (at + length, written + length);
            }
            else if (type != 1 || !InflateFixed(data, output, ref buffer, ref count, ref at, ref written))
            {
                return false;
            }
        }
        while (!last);

        // The check value must follow the last block's byte at once and end the data.
        return written == output.Length
            && at - (count / 8) == data.Length
            && BinaryPrimitives.ReadUInt32BigEndian(zlib[^4..]) == Adler32(output);
    }

    /// <summary>Tops the buffer up from the data to at least <paramref name="needed"/> bits; false when the data ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fill(ReadOnlySpan<byte> data, ref ulong buffer, ref int count, ref int at, int needed)
    {
        while (count <= 56 && at < data.Length)
        {
            buffer |= (ulong)data[at++] << count;
            count += 8;
        }

        return count >= needed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool InflateFixed(ReadOnlySpan<byte> data, Span<byte> output, ref ulong buffer, ref int count, ref int at, ref int written)
    {
        var literals = FixedLiterals;
        while (true)
        {
            // A code is 7 to 9 bits; one shorter than 9 may be the data's last, so peek whatever is left.
            Fill(data, ref buffer, ref count, ref at, 0);
            var entry = literals[(int)(buffer & 0x1FF)];
            var codeLength = entry & 0xF;
            if (codeLength > count)
            {
                return false;
            }

            (buffer, count) = (buffer >> codeLength, count - codeLength);
            var symbol = entry >> 4;
            if (symbol < 256)
            {
                if (written == output.Length)
                {
                    return false;
                }

                output[written++] = (byte)symbol;
                continue;
            }

            if (symbol == 256)
            {
                return true;
            }

            // 286 and 287 are not codes zlib accepts; 30 and 31 are not distance codes. Length extra bits (at most 5)
            // and the distance code (5) and its extra bits (at most 13) fit in the buffer filled to 57 bits or more.
            symbol -= 257;
            if (symbol >= LengthBase.Length || !Fill(data, ref buffer, ref count, ref at, LengthExtra[symbol] + 5))
            {
                return false;
            }

            var length = LengthBase[symbol] + (int)(buffer & ((1u << LengthExtra[symbol]) - 1));
            (buffer, count) = (buffer >> LengthExtra[symbol], count - LengthExtra[symbol]);
            var code = ReversedFive[(int)(buffer & 0x1F)];
            (buffer, count) = (buffer >> 5, count - 5);
            if (code >= DistanceBase.Length || !Fill(data, ref buffer, ref count, ref at, DistanceExtra[code]))
            {
                return false;
            }

            var distance = DistanceBase[code] + (int)(buffer & ((1u << DistanceExtra[code]) - 1));
            (buffer, count) = (buffer >> DistanceExtra[code], count - DistanceExtra[code]);
            if (distance > written || length > output.Length - written)
            {
                return false;
            }

            for (var i = 0; i < length; i++, written++)
            {
                output[written] = output[written - distance];
            }
        }
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            // 5552 bytes at most between reductions keep b below 2^32 (zlib's NMAX).
            var run = data[..Math.Min(data.Length, 5552)];
            foreach (var value in run)
            {
                a += value;
                b += a;
            }

            a %= Adler;
            b %= Adler;
            data = data[run.Length..];
        }

        return (b << 16) | a;
    }

    private static int Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++, code >>= 1)
        {
            reversed = (reversed << 1) | (code & 1);
        }

        return reversed;
    }

    private static ushort[] BuildFixedLiterals()
    {
        var table = new ushort[512];
        void Add(int firstSymbol, int lastSymbol, int firstCode, int length)
        {
            for (var symbol = firstSymbol; symbol <= lastSymbol; symbol++)
            {
                var reversed = Reverse(firstCode + symbol - firstSymbol, length);
                for (var rest = reversed; rest < table.Length; rest += 1 << length)
                {
                    table[rest] = (ushort)((symbol << 4) | length);
                }
            }
        }

        Add(0, 143, 0b0011_0000, 8);
        Add(144, 255, 0b1_1001_0000, 9);
        Add(256, 279, 0, 7);
        Add(280, 287, 0b1100_0000, 8);
        return table;
    }
}
