package synth;

/**
 * Deterministic random numbers for the generator: SplitMix64 (Steele, Lea, Flood 2014), one independent
 * stream per (seed, person, purpose). Every person gets a fresh stream, so person i's data depend only on
 * the seed and i: the first 3,000 people of a 1M run equal a 3,000-people run with the same seed.
 *
 * <p>Everything here is specified bit for bit (integer arithmetic, IEEE doubles, {@link StrictMath}), so
 * the output is byte-identical across machines and JDKs, unlike {@link java.util.Random} subclasses
 * or {@link Math#log}, whose results may differ by platform intrinsics.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    /** Stream for one person and purpose (0 = simulation, 1 = missing-value mask). */
    public Rng(long seed, long person, long purpose) {
        state = mix(mix(seed ^ 0x6A09E667F3BCC909L) + person * GOLDEN + mix(purpose + 0xBB67AE8584CAA73BL));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1): safe to take the log of. */
    public double nextOpenDouble() {
        return ((nextLong() >>> 12) + 0.5) * 0x1.0p-52;
    }

    /** Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    public boolean bernoulli(double p) {
        return nextDouble() < p;
    }

    public double exponential(double mean) {
        return -mean * StrictMath.log(nextOpenDouble());
    }

    /** Standard normal (Marsaglia's polar method; the second value is discarded to keep streams simple). */
    public double gaussian() {
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /** Gamma(shape, scale 1): Marsaglia and Tsang (2000); shape below 1 via the U^(1/shape) boost. */
    public double gamma(double shape) {
        if (!(shape > 0)) throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
        if (shape < 1) return gamma(shape + 1) * StrictMath.pow(nextOpenDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = gaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = nextOpenDouble();
            if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
            if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) return d * v;
        }
    }

    /**
     * Poisson(lambda) by inversion, in chunks of at most 64 (a sum of independent Poissons is Poisson), so
     * exp(-lambda) never underflows. Cost is O(lambda), the same order as writing the rows it counts.
     */
    public int poisson(double lambda) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("poisson mean must be >= 0, got " + lambda);
        int total = 0;
        while (lambda > 64) {
            total += poissonInversion(64);
            lambda -= 64;
        }
        return total + poissonInversion(lambda);
    }

    private int poissonInversion(double lambda) {
        if (lambda == 0) return 0;
        double u = nextDouble(), p = StrictMath.exp(-lambda), cdf = p;
        int k = 0;
        while (u > cdf && k < 1000) {
            k++;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }

    /** Index drawn from cumulative probabilities {@code cdf} (last entry 1). */
    public int categorical(double[] cdf) {
        double u = nextDouble();
        for (int i = 0; i < cdf.length - 1; i++) if (u < cdf[i]) return i;
        return cdf.length - 1;
    }

    /** Cumulative sums of {@code weights}, normalised so the last entry is exactly 1. */
    public static double[] cumulative(double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double[] cdf = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i];
            cdf[i] = run / total;
        }
        cdf[cdf.length - 1] = 1.0;
        return cdf;
    }
}
