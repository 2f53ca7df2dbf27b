package stats;

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

    /** The patterns of {@code columns}, or null when there are more than {@code maxCount} (grouping would not pay). */
    public static Patterns of(double[][] columns, int maxCount) {
        int p = columns.length, n = p == 0 ? 0 : columns[0].length;
        int cap = Integer.highestOneBit(Math.max(16, Math.min(n, maxCount + 1) * 2 - 1)) << 1;
        int mask = cap - 1;
        int[] slot = new int[cap];
        java.util.Arrays.fill(slot, -1);
        int[] first = new int[Math.min(n, maxCount + 1)];   // first row of each pattern
        int[] id = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int j = 0; j < p; j++) h = (h ^ Double.doubleToLongBits(columns[j][i])) * 0xBF58476D1CE4E5B9L;
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
                    slot[k] = count;
                    first[count] = i;
                    id[i] = count++;
                    break;
                }
                if (sameRow(columns, first[g], i)) {
                    id[i] = g;
                    break;
                }
                k = (k + 1) & mask;
            }
        }
        double[][] x = new double[p][count];
        for (int j = 0; j < p; j++) for (int g = 0; g < count; g++) x[j][g] = columns[j][first[g]];
        return new Patterns(id, x, count);
    }

    private static boolean sameRow(double[][] columns, int a, int b) {
        for (double[] c : columns) if (Double.doubleToLongBits(c[a]) != Double.doubleToLongBits(c[b])) return false;
        return true;
    }
}
