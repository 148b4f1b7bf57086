using System.Buffers;
using System.Numerics;
using Microsoft.ML.Trainers.FastTree;

namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// Finds the leaf every tree sends a row to without walking the trees: QuickScorer's bitvector method (Lucchese et
/// al., "QuickScorer: a fast algorithm to rank documents with additive ensembles of regression trees", SIGIR 2015).
/// Each tree keeps one bit per leaf, numbered left to right. A split whose test fails (the row goes right) rules out
/// every leaf of its left subtree, so the row's leaf is the lowest bit left standing once every failing split has
/// cleared its mask. The splits of all trees are grouped by feature and sorted by threshold, so a row reads each
/// feature once and stops at the first threshold it does not exceed: no data-dependent jumps inside the trees, which
/// is where a walk loses its time. <see cref="Vector{T}.Count"/> rows go through at once, one lane each.
/// </summary>
/// <remarks>
/// The leaf is exactly the walk's (a split sends a row left when <c>value &lt;= threshold</c>, compared as doubles,
/// which holds every float exactly), so the per-class sums, added in tree order, are the walk's bit for bit.
/// Trees of up to 64 leaves: one <see cref="ulong"/> per tree and row.
/// </remarks>
internal sealed class LeafBitvectorScorer
{
    /// <summary>Most leaves a tree may have.</summary>
    public const int MaxLeaves = 64;

    private static readonly int Lanes = Vector<double>.Count;

    // The splits, by feature then ascending threshold: splitsOf[k] are features[k]'s range [start, end) of them.
    private readonly (int Feature, int Start, int End)[] splitsOf;
    private readonly double[] threshold;
    private readonly int[] treeOf;
    private readonly ulong[] keptIfRight;

    // Tree t's leaves in left-to-right order from leafStart[t]; its bitvector starts as allLeaves[t].
    private readonly ulong[] allLeaves;
    private readonly int[] leafStart;
    private readonly double[] leafValue;

    // The trees of each class in their original order (their sums are added in that order).
    private readonly int[][] treesOfClass;

    private LeafBitvectorScorer(
        (int, int, int)[] splitsOf, double[] threshold, int[] treeOf, ulong[] keptIfRight, ulong[] allLeaves, int[] leafStart, double[] leafValue, int[][] treesOfClass)
    {
        this.splitsOf = splitsOf;
        this.threshold = threshold;
        this.treeOf = treeOf;
        this.keptIfRight = keptIfRight;
        this.allLeaves = allLeaves;
        this.leafStart = leafStart;
        this.leafValue = leafValue;
        this.treesOfClass = treesOfClass;
    }

    /// <summary>
    /// The scorer of <paramref name="trees"/> (each with the score slot it adds to, in summing order), or null when a
    /// tree has more than <paramref name="maxLeaves"/> leaves (itself at most <see cref="MaxLeaves"/>).
    /// </summary>
    public static LeafBitvectorScorer? TryFrom(IReadOnlyList<(int Slot, RegressionTree Tree)> trees, int classes, int maxLeaves)
    {
        if (trees.Any(t => t.Tree.NumberOfLeaves > Math.Min(maxLeaves, MaxLeaves)))
        {
            return null;
        }

        var splits = new List<(int Feature, float Threshold, int Tree, ulong Kept)>();
        var leafValues = new List<double>();
        var allLeaves = new ulong[trees.Count];
        var leafStart = new int[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t].Tree;
            var inOrder = new List<int>();
            CollectLeaves(tree, 0, inOrder);
            var position = new int[tree.NumberOfLeaves];
            for (var p = 0; p < inOrder.Count; p++)
            {
                position[inOrder[p]] = p;
            }

            leafStart[t] = leafValues.Count;
            leafValues.AddRange(inOrder.Select(leaf => tree.LeafValues[leaf]));
            allLeaves[t] = tree.NumberOfLeaves == 64 ? ulong.MaxValue : (1UL << tree.NumberOfLeaves) - 1;
            for (var node = 0; node < tree.NumberOfNodes; node++)
            {
                // The left subtree's leaves are consecutive in left-to-right order.
                var (first, last) = LeafSpan(tree, tree.LeftChild[node], position);
                var left = (last - first == 63 ? ulong.MaxValue : (1UL << (last - first + 1)) - 1) << first;
                splits.Add((tree.NumericalSplitFeatureIndexes[node], tree.NumericalSplitThresholds[node], t, ~left));
            }
        }

        var sorted = splits.OrderBy(s => s.Feature).ThenBy(s => s.Threshold).ToArray();
        var splitsOf = new List<(int, int, int)>();
        for (int start = 0, end; start < sorted.Length; start = end)
        {
            end = start;
            while (end < sorted.Length && sorted[end].Feature == sorted[start].Feature)
            {
                end++;
            }

            splitsOf.Add((sorted[start].Feature, start, end));
        }

        var treesOfClass = Enumerable.Range(0, classes)
            .Select(c => Enumerable.Range(0, trees.Count).Where(t => trees[t].Slot == c).ToArray())
            .ToArray();
        return new LeafBitvectorScorer(
            splitsOf.ToArray(),
            sorted.Select(s => (double)s.Threshold).ToArray(),
            sorted.Select(s => s.Tree).ToArray(),
            sorted.Select(s => s.Kept).ToArray(),
            allLeaves,
            leafStart,
            leafValues.ToArray(),
            treesOfClass);
    }

    /// <summary>
    /// Adds up each row's leaf values per class: <paramref name="features"/> holds <paramref name="rows"/> rows of
    /// <paramref name="featureCount"/> features, <paramref name="sums"/> receives one double per class and row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Sum(ReadOnlySpan<float> features, int featureCount, int rows, Span<double> sums)
    {
        var classes = treesOfClass.Length;
        var values = ArrayPool<Vector<double>>.Shared.Rent(splitsOf.Length);
        var bits = ArrayPool<Vector<ulong>>.Shared.Rent(allLeaves.Length);
        try
        {
            for (var first = 0; first < rows; first += Lanes)
            {
                var lanes = Math.Min(Lanes, rows - first);
                Gather(features.Slice(first * featureCount), featureCount, lanes, MemoryMarshal.Cast<Vector<double>, double>(values.AsSpan(0, splitsOf.Length)));
                ClearFailedSplits(values, bits);
                AddLeaves(MemoryMarshal.Cast<Vector<ulong>, ulong>(bits.AsSpan(0, allLeaves.Length)), lanes, sums.Slice(first * classes, lanes * classes));
            }
        }
        finally
        {
            ArrayPool<Vector<double>>.Shared.Return(values);
            ArrayPool<Vector<ulong>>.Shared.Return(bits);
        }
    }

    /// <summary>The values of the split features, feature by feature, one lane per row; spare lanes repeat the first row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gather(ReadOnlySpan<float> features, int featureCount, int lanes, Span<double> values)
    {
        for (var k = 0; k < splitsOf.Length; k++)
        {
            var feature = splitsOf[k].Feature;
            var lane = values.Slice(k * Lanes, Lanes);
            for (var r = 0; r < Lanes; r++)
            {
                lane[r] = features[((r < lanes ? r : 0) * featureCount) + feature];
            }
        }
    }

    /// <summary>
    /// For each feature, its splits in ascending threshold while any row's value exceeds the threshold (fails the
    /// test): those rows' bitvectors lose the split's left leaves. Once every row passes, so do all later thresholds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ClearFailedSplits(Vector<double>[] values, Vector<ulong>[] bits)
    {
        for (var t = 0; t < allLeaves.Length; t++)
        {
            bits[t] = new Vector<ulong>(allLeaves[t]);
        }

        ref var bit0 = ref MemoryMarshal.GetArrayDataReference(bits);
        ref var threshold0 = ref MemoryMarshal.GetArrayDataReference(threshold);
        ref var tree0 = ref MemoryMarshal.GetArrayDataReference(treeOf);
        ref var kept0 = ref MemoryMarshal.GetArrayDataReference(keptIfRight);
        for (var k = 0; k < splitsOf.Length; k++)
        {
            var value = values[k];
            var (_, start, end) = splitsOf[k];
            for (var s = start; s < end; s++)
            {
                // Unchecked reads: every index was built within its array's bounds in TryFrom.
                var goesLeft = Vector.AsVectorUInt64(Vector.LessThanOrEqual(value, new Vector<double>(Unsafe.Add(ref threshold0, s))));
                if (goesLeft == Vector<ulong>.AllBitsSet)
                {
                    break;
                }

                ref var tree = ref Unsafe.Add(ref bit0, Unsafe.Add(ref tree0, s));
                tree &= goesLeft | new Vector<ulong>(Unsafe.Add(ref kept0, s));
            }
        }
    }

    /// <summary>Each row's lowest standing leaf of every tree, its value added into the row's class sum in tree order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddLeaves(ReadOnlySpan<ulong> bits, int lanes, Span<double> sums)
    {
        var classes = treesOfClass.Length;
        Span<double> lane = stackalloc double[Lanes];
        for (var c = 0; c < classes; c++)
        {
            lane.Clear();
            foreach (var t in treesOfClass[c])
            {
                var leaves = leafValue.AsSpan(leafStart[t]);
                var treeBits = bits.Slice(t * Lanes, Lanes);
                for (var r = 0; r < lanes; r++)
                {
                    lane[r] += leaves[BitOperations.TrailingZeroCount(treeBits[r])];
                }
            }

            for (var r = 0; r < lanes; r++)
            {
                sums[(r * classes) + c] = lane[r];
            }
        }
    }

    private static void CollectLeaves(RegressionTree tree, int node, List<int> leaves)
    {
        if (node < 0)
        {
            leaves.Add(~node);
            return;
        }

        CollectLeaves(tree, tree.LeftChild[node], leaves);
        CollectLeaves(tree, tree.RightChild[node], leaves);
    }

    /// <summary>The left-to-right positions of the leftmost and rightmost leaves under <paramref name="node"/>.</summary>
    private static (int First, int Last) LeafSpan(RegressionTree tree, int node, int[] position)
    {
        int first = node, last = node;
        while (first >= 0)
        {
            first = tree.LeftChild[first];
        }

        while (last >= 0)
        {
            last = tree.RightChild[last];
        }

        return (position[~first], position[~last]);
    }
}
