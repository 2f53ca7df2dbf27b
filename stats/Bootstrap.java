package stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Seeded, parallel case-resampling bootstrap. Replicate r draws its n row indices from its own
 * {@code SplittableRandom} seeded from (seed, r) alone and writes into slot r, so the result is identical
 * for any number of threads.
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static BootstrapResult coefficients(ModelKind model, DesignMatrix d, int replicates, long seed, int threads) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        return coefficients(model, d.y(), d.columns(), d.names(), d.intercept(), replicates, seed, threads);
    }

    public static BootstrapResult coefficients(ModelKind model, double[] y, double[][] columns, List<String> names,
                                               boolean intercept, int replicates, long seed, int threads) {
        if (replicates < 2) throw new IllegalArgumentException("need at least 2 bootstrap replicates, got " + replicates);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        int n = y.length, p = pr.names().size();
        double[] est = model.coefficients(y, pr.x(), pr.names(), intercept);
        double[][] draws = new double[replicates][];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, replicates).parallel().forEach(r -> {
                SplittableRandom rng = new SplittableRandom(mix(seed, r));
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = rng.nextInt(n);
                double[] b;
                try {
                    b = model.coefficients(Columns.rows(y, idx), Columns.rows(pr.x(), idx), pr.names(), intercept);
                } catch (IllegalArgumentException e) {
                    b = new double[p];
                    Arrays.fill(b, Double.NaN);
                }
                draws[r] = b;
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bootstrap interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bootstrap failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        int failed = 0;
        for (double[] b : draws) if (Double.isNaN(b[0])) failed++;
        double[] se = new double[p], lo = new double[p], hi = new double[p];
        for (int j = 0; j < p; j++) {
            double[] v = new double[replicates - failed];
            int k = 0;
            for (double[] b : draws) if (!Double.isNaN(b[0])) v[k++] = b[j];
            if (k < 2) {
                se[j] = lo[j] = hi[j] = Double.NaN;
                continue;
            }
            double m = 0;
            for (double x : v) m += x / k;
            double ss = 0;
            for (double x : v) ss += (x - m) * (x - m);
            se[j] = Math.sqrt(ss / (k - 1));
            Arrays.sort(v);
            lo[j] = quantile(v, 0.025);
            hi[j] = quantile(v, 0.975);
        }
        return new BootstrapResult(model, pr.names(), replicates, seed, est, se, lo, hi, failed, draws);
    }

    /** Linear-interpolation quantile of sorted data (R type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** SplitMix64 finaliser of (seed, r): independent, reproducible per-replicate seeds. */
    static long mix(long seed, long r) {
        long z = seed + 0x9E3779B97F4A7C15L * (r + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
