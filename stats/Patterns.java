package stats;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct covariate rows ("patterns") of a design given as columns: which pattern each row has, and each
 * pattern's column values. Demographic designs are mostly dummies: 200k generated people have 32k patterns
 * and the count stops growing with n (68 ages x 3 x 5 x 4 x 8 levels at most), so a sum over rows of
 * {@code v_i x_ij} is a sum over patterns of {@code x_gj} times the pattern's sum of {@code v_i}, far fewer
 * multiplications. Rows are equal when every column's bits are equal. An open-addressing table of pattern ids
 * (ints, no per-row objects) keeps the memory at a few int arrays of n.
 */
public final class Patterns {
    /** Pattern id of every row, 0 .. count - 1, in order of first appearance. */
    final int[] id;
    /** Column j's value in pattern g: {@code x[j][g]}. */
    final double[][] x;
    final int count;

    private Patterns(int[] id, double[][] x, int count) { this.id = id; this.x = x; this.count = count; }

    public int count() { return count; }

    /** The pattern of row i. */
    public int of(int row) { return id[row]; }

    /** Column j's value in pattern g. */
    public double value(int column, int pattern) { return x[column][pattern]; }

    /**
     * The patterns of {@code columns}, or null when there are more than {@code maxCount} (grouping would not pay).
     * The same design is grouped by several fits (Poisson, NB2, the bootstrap, the marginal effects; in each CV fold
     * its three models), each handing its own column array: the last few answers are kept, keyed by the identity of
     * the column arrays (weakly held), and a column of ones - the intercept each fit adds anew - neither changes the
     * grouping nor the key. An answer found again costs a scan for the ones columns, not a pass over the rows.
     * So a column array must not be changed after it was grouped: the same array is taken to hold the same
     * values (every design matrix here builds new arrays and never writes them again).
     */
    public static Patterns of(double[][] columns, int maxCount) {
        int p = columns.length;
        if (p == 0) throw new IllegalArgumentException("no columns to group");
        int n = columns[0].length;
        boolean[] ones = new boolean[p];
        List<double[]> varying = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            if (isOnes(columns[j])) ones[j] = true;
            else varying.add(columns[j]);
        }
        Entry e = null;
        boolean mine = false;
        synchronized (RECENT) {
            for (var it = RECENT.iterator(); it.hasNext(); ) {
                Entry k = it.next();
                if (k.cleared()) { it.remove(); continue; }
                if (k.n == n && k.sameColumns(varying)) { e = k; break; }
            }
            if (e == null) {
                // the three full fits ask for the same design at once: one computes, the others wait for it
                e = new Entry(varying.stream().map(WeakReference::new).toList(), n, maxCount, new java.util.concurrent.CompletableFuture<>());
                RECENT.addFirst(e);
                while (RECENT.size() > RECENT_MAX) RECENT.removeLast();
                mine = true;
            }
        }
        if (mine) {
            try {
                e.result.complete(group(varying.toArray(new double[0][]), n, maxCount));
            } catch (RuntimeException | Error t) {
                e.result.completeExceptionally(t);
                synchronized (RECENT) { RECENT.remove(e); }
                throw t;
            }
        }
        Patterns found = e.result.join();
        if (found != null && found.count > maxCount) return null;
        if (found == null && maxCount > e.maxCount) {
            // more patterns than that answer's limit, which was lower than this one's: count again
            found = group(varying.toArray(new double[0][]), n, maxCount);
        }
        return found == null ? null : found.withOnes(ones);
    }

    /** How many answers {@link #of} keeps: the full design and the folds being fitted at once, with room. */
    private static final int RECENT_MAX = 4;
    private static final java.util.ArrayDeque<Entry> RECENT = new java.util.ArrayDeque<>();

    /** An answer of {@link #of}, maybe still being computed: patterns of the non-constant columns, or null when there were more than maxCount. */
    private record Entry(List<WeakReference<double[]>> columns, int n, int maxCount, java.util.concurrent.CompletableFuture<Patterns> result) {
        boolean cleared() { return columns.stream().anyMatch(r -> r.get() == null); }

        boolean sameColumns(List<double[]> c) {
            if (c.size() != columns.size()) return false;
            for (int j = 0; j < c.size(); j++) if (columns.get(j).get() != c.get(j)) return false;
            return true;
        }
    }

    private static boolean isOnes(double[] c) {
        for (double v : c) if (v != 1.0) return false;
        return true;
    }

    /** These patterns with a column of ones wherever {@code ones} says (the other columns in order). */
    private Patterns withOnes(boolean[] ones) {
        double[][] all = new double[ones.length][];
        double[] one = null;
        for (int j = 0, k = 0; j < ones.length; j++) {
            if (ones[j]) {
                if (one == null) {
                    one = new double[count];
                    java.util.Arrays.fill(one, 1.0);
                }
                all[j] = one;
            } else all[j] = x[k++];
        }
        return new Patterns(id, all, count);
    }

    /** The grouping pass: each pattern's values are kept row-major, so comparing a row with one reads one stretch. */
    private static Patterns group(double[][] columns, int n, int maxCount) {
        int q = columns.length;
        int cap = Integer.highestOneBit(Math.max(16, Math.min(n, maxCount + 1) * 2 - 1)) << 1;
        int mask = cap - 1;
        int[] slot = new int[cap];
        java.util.Arrays.fill(slot, -1);
        long[] values = new long[Math.max(1, Math.min(n, 1024) * q)];   // pattern g's column j at g * q + j (the bits)
        long[] row = new long[q];
        int[] id = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int j = 0; j < q; j++) {
                long b = Double.doubleToLongBits(columns[j][i]);
                row[j] = b;
                h = (h ^ b) * 0xBF58476D1CE4E5B9L;
            }
            // the product chain carries low bits only upwards, and small integers' bits are all in the high
            // end: a finaliser (MurmurHash3's fmix64) spreads them over the low bits the mask keeps
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            int k = (int) h & mask;
            while (true) {
                int g = slot[k];
                if (g < 0) {
                    if (count == maxCount) return null;
                    if ((count + 1) * q > values.length) values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, (count + 1) * q));
                    System.arraycopy(row, 0, values, count * q, q);
                    slot[k] = count;
                    id[i] = count++;
                    break;
                }
                if (sameRow(row, values, g * q)) {
                    id[i] = g;
                    break;
                }
                k = (k + 1) & mask;
            }
        }
        double[][] x = new double[q][count];
        for (int j = 0; j < q; j++) for (int g = 0; g < count; g++) x[j][g] = Double.longBitsToDouble(values[g * q + j]);
        return new Patterns(id, x, count);
    }

    private static boolean sameRow(long[] row, long[] values, int at) {
        for (int j = 0; j < row.length; j++) if (row[j] != values[at + j]) return false;
        return true;
    }
}
