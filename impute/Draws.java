package impute;

/**
 * Stateless seeded random numbers: a value is a hash (SplitMix64) of (seed, a, b, c), so a draw depends only
 * on what it is for (row, column, round), never on thread scheduling or the order in which rows are visited.
 */
final class Draws {
    private Draws() {}

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b, long c) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        h = mix(h + a * 0x9E3779B97F4A7C15L);
        h = mix(h + b * 0xBF58476D1CE4E5B9L);
        return mix(h + c * 0x94D049BB133111EBL);
    }

    /** Uniform in (0, 1). */
    static double uniform(long seed, long a, long b, long c) {
        return ((hash(seed, a, b, c) >>> 12) + 0.5) * 0x1.0p-52;
    }

    /** Standard normal (Box-Muller on two hashed uniforms). */
    static double gaussian(long seed, long a, long b, long c) {
        double u1 = uniform(seed, a, b, 2 * c), u2 = uniform(seed, a, b, 2 * c + 1);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A seeded sample without replacement of min(size, n) indices of 0..n-1, in ascending order. */
    static int[] sample(int n, int size, long seed, long purpose) {
        if (size >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(hash(seed, purpose, 17, 0));
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = 0; i < size; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, size);
        java.util.Arrays.sort(out);
        return out;
    }

    /** A bootstrap resample (with replacement) of n indices. */
    static int[] bootstrap(int n, long seed, long purpose) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(hash(seed, purpose, 29, 1));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = r.nextInt(n);
        return out;
    }
}
