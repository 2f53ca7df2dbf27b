//DEPS tech.tablesaw:tablesaw-core:0.44.4
package stats;

import tech.tablesaw.api.Table;

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
 *
 * <p><b>Leak-free (use this on tables):</b> {@link #coefficients(ModelKind, Design, Table, int, long, int)}
 * refits the unfitted {@link Design} on every resample (levels, reference levels, imputation values and
 * standardisation constants computed from the resampled rows, a row counting as often as it was drawn), so
 * the replicate spread includes the encoding's own sampling variability. Resamples draw from the table rows
 * the design keeps ({@link Design#usableRows}; rows dropped by a DROP strategy or a missing response never
 * take part), with the same indices as the array API on {@code design.fit(table)}. Replicate coefficients
 * are re-expressed in the full-data parameterisation (see {@link Align}); a coefficient a resample cannot
 * identify (its level or indicator column was not drawn, or the full-data reference level was not drawn) is
 * NaN in that draw and left out of that coefficient's SE and interval; a replicate whose fit fails is NaN
 * throughout and counted in {@link BootstrapResult#failed()}.
 *
 * <p><b>Fixed design:</b> the array and {@link DesignMatrix} overloads resample ready-made matrices and
 * assume the design is fixed (its encoding statistics come from all rows).
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
        run(threads, replicates, r -> {
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
        });
        // A failed replicate is all NaN, so the shared summary counts and skips it the same way.
        return summarise(model, pr.names(), replicates, seed, est, draws);
    }

    /** Leak-free bootstrap: the design is refitted on each resample; see the class comment. */
    public static BootstrapResult coefficients(ModelKind model, Design design, Table table, int replicates, long seed, int threads) {
        return coefficients(model, design, table, null, replicates, seed, threads);
    }

    /** As above, reusing {@code full = design.fit(table)} (row set, full-sample estimate, reporting parameterisation). */
    public static BootstrapResult coefficients(ModelKind model, Design design, Table table, DesignMatrix full, int replicates, long seed, int threads) {
        if (design == null || table == null) throw new IllegalArgumentException("design and table must not be null");
        if (design.response() == null) throw new IllegalArgumentException("the design has no response; build it with Design.of(response)");
        if (replicates < 2) throw new IllegalArgumentException("need at least 2 bootstrap replicates, got " + replicates);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        DesignMatrix d = full == null ? design.fit(table) : full;
        boolean intercept = d.intercept();
        Ols.Prepared pr = Ols.prepare(d.y(), d.columns(), d.names(), intercept);
        int[] usable = d.rows();
        int n = usable.length, p = pr.names().size();
        double[] est = model.coefficients(d.y(), pr.x(), pr.names(), intercept);
        double[][] draws = new double[replicates][];
        run(threads, replicates, r -> {
            SplittableRandom rng = new SplittableRandom(mix(seed, r));
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = usable[rng.nextInt(n)];
            double[] b;
            try {
                DesignMatrix dr = design.fit(table, idx);
                Ols.Prepared rp = Ols.prepare(dr.y(), dr.columns(), dr.names(), intercept);
                b = Align.toFull(dr.encoding(), rp.names(), model.coefficients(dr.y(), rp.x(), rp.names(), intercept), d.encoding(), pr.names());
            } catch (IllegalArgumentException e) {
                b = new double[p];
                Arrays.fill(b, Double.NaN);
            }
            draws[r] = b;
        });
        return summarise(model, pr.names(), replicates, seed, est, draws);
    }

    private static void run(int threads, int replicates, java.util.function.IntConsumer body) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, replicates).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bootstrap interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bootstrap failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** SEs and percentile intervals per coefficient over the draws where it is finite; all-NaN draws are failed replicates. */
    private static BootstrapResult summarise(ModelKind model, List<String> names, int replicates, long seed, double[] est, double[][] draws) {
        int p = names.size();
        int failed = 0;
        for (double[] b : draws) if (Arrays.stream(b).allMatch(Double::isNaN)) failed++;
        double[] se = new double[p], lo = new double[p], hi = new double[p];
        for (int j = 0; j < p; j++) {
            double[] v = new double[replicates];
            int k = 0;
            for (double[] b : draws) if (!Double.isNaN(b[j])) v[k++] = b[j];
            v = Arrays.copyOf(v, k);
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
        return new BootstrapResult(model, names, replicates, seed, est, se, lo, hi, failed, draws);
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
