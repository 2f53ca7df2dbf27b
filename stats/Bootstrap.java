package stats;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Seeded, parallel case-resampling bootstrap, in three named kinds. Replicate r draws its n row indices from
 * its own {@code SplittableRandom} seeded from (seed, r) alone and writes into slot r, and each replicate's
 * arithmetic runs in one thread in a fixed order, so the result is identical for any number of threads.
 *
 * <p><b>{@code oneStep} (the default of the main job; cheap):</b>
 * {@link #oneStep(DesignMatrix, List, int, long, int, IntConsumer)} starts every resample at the full-sample
 * estimate and takes one Newton step with the full-sample information: b* = b + I^-1 sum_i (c_i - 1) s_i,
 * where c_i is row i's weight in the resample and s_i its score contribution (OLS x_i e_i; Poisson x_i (y_i - mu_i);
 * NB2 at the fitted alpha x_i (y_i - mu_i) / (1 + alpha mu_i)) and I = X'WX at the estimate. This is the
 * linearised (estimating-function) bootstrap of Hu and Kalbfleisch (2000): to first order the same
 * distribution as refitting every resample (its covariance is the sandwich, HC0 for OLS), at the cost of one
 * pass over X per replicate instead of a full fit. The weights are independent Poisson(1) draws, the Poisson
 * bootstrap (Hanley and MacGibbon 2006; Chamandy et al. 2012) in place of case resampling's multinomial counts:
 * both have mean 1 and variance 1 per row, and with the score summing to 0 at the estimate the draws' covariance
 * is the same sandwich meat sum_i s_i s_i'. Independent weights need no count array and no random writes: one
 * sequential pass per replicate, skipping the 37% of rows with weight 1 (200 replicates x 3 models at 200k rows:
 * 0.6 s with counts, see the README for now). {@code tests/ResamplingTest} checks by simulation that its 95%
 * percentile intervals cover as often as the full refit bootstrap's (which resamples cases). The encoding is
 * the full-sample one (held fixed); a resample never fails.
 *
 * <p><b>{@code refitting} (leak-free, on tables):</b> {@link #refitting(ModelKind, Design, Table, int, long, int)}
 * refits the unfitted {@link Design} on every resample (levels, reference levels, imputation values and
 * standardisation constants computed from the resampled rows, a row counting as often as it was drawn), so
 * the replicate spread includes the encoding's own sampling variability. Resamples draw from the table rows
 * the design keeps ({@link Design#usableRows}; rows dropped by a DROP strategy or a missing response never
 * take part), with the same indices as the fixed-design API on {@code design.fit(table)}. Replicate
 * coefficients are re-expressed in the full-data parameterisation (see {@link Align}); a coefficient a
 * resample cannot identify (its level or indicator column was not drawn, or the full-data reference level was
 * not drawn) is NaN in that draw and left out of that coefficient's SE and interval; a replicate whose fit
 * fails is NaN throughout and counted in {@link BootstrapResult#failed()}. Costs a full fit per replicate.
 *
 * <p><b>{@code fixedDesign}:</b> {@link #fixedDesign(ModelKind, double[], double[][], List, boolean, int, long, int)}
 * and the {@link DesignMatrix} variant resample ready-made matrices and refit each resample, assuming the
 * design is fixed (its encoding statistics come from all rows).
 */
public final class Bootstrap {
    private Bootstrap() {}

    /** A full-sample fit to bootstrap by {@link #oneStep}: its coefficients (full design order, intercept first) and NB2 alpha (else 0). */
    public record Fitted(ModelKind model, double[] coefficients, double alpha) {}

    // ------------------------------------------------------------------ one-step (linearised) bootstrap

    /**
     * One-step bootstrap of each fit in {@code fits} (all on design matrix {@code d}), sharing each
     * replicate's resample across the models; see the class comment.
     *
     * @param done called with the number of replicates finished so far (progress; from any thread), or null
     */
    public static List<BootstrapResult> oneStep(DesignMatrix d, List<Fitted> fits, int replicates, long seed, int threads, IntConsumer done) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        Ols.Prepared pr = Ols.prepare(d.y(), d.columns(), d.names(), d.intercept());
        return oneStep(d.y(), pr.x(), pr.names(), d.intercept(), fits, replicates, seed, threads, done);
    }

    /** One-step bootstrap of one model on arrays: fits it on all rows, then as above. */
    public static BootstrapResult oneStep(ModelKind model, double[] y, double[][] columns, List<String> names,
                                          boolean intercept, int replicates, long seed, int threads) {
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        double[] b;
        double alpha = 0;
        if (model == ModelKind.NEGATIVE_BINOMIAL) {
            double[] ba = NegativeBinomial.coefficientsAndAlpha(y, pr.x(), pr.names(), intercept);
            b = Arrays.copyOf(ba, ba.length - 1);
            alpha = ba[ba.length - 1];
        } else {
            b = model.coefficients(y, pr.x(), pr.names(), intercept);
        }
        return oneStep(y, pr.x(), pr.names(), intercept, List.of(new Fitted(model, b, alpha)), replicates, seed, threads, null).get(0);
    }

    private static List<BootstrapResult> oneStep(double[] y, double[][] x, List<String> names, boolean intercept, List<Fitted> fits,
                                                 int replicates, long seed, int threads, IntConsumer done) {
        return oneStep(y, x, names, intercept, fits, replicates, seed, threads, done, y.length / 4);
    }

    /**
     * As above; when the design has at most {@code maxPatterns} distinct rows, each resample's score is summed
     * per pattern (see {@link Patterns}): the same draws and the same estimates up to rounding, at 200k
     * generated people about 4x fewer multiplications. 0 forces the row-by-row sums (for tests).
     */
    public static List<BootstrapResult> oneStep(double[] y, double[][] x, List<String> names, boolean intercept, List<Fitted> fits,
                                         int replicates, long seed, int threads, IntConsumer done, int maxPatterns) {
        if (replicates < 2) throw new IllegalArgumentException("need at least 2 bootstrap replicates, got " + replicates);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        int n = y.length, p = names.size(), models = fits.size();
        Irls.Basis basis = new Irls.Basis(x, names, intercept);
        Patterns pat = maxPatterns > 0 ? Patterns.of(x, maxPatterns) : null;
        double[][] score = new double[models][];
        double[][][] chol = new double[models][][];
        for (int m = 0; m < models; m++) {
            Fitted fit = fits.get(m);
            if (fit.coefficients().length != p) throw new IllegalArgumentException(fit.model() + ": " + fit.coefficients().length + " coefficients for " + p + " columns");
            double[] eta = fit.model().predict(fit.coefficients(), x); // the mean (identity for OLS)
            double[] r = new double[n], w = new double[n];
            double a = fit.alpha();
            for (int i = 0; i < n; i++) {
                double mu = eta[i];
                switch (fit.model()) {
                    case OLS -> { r[i] = y[i] - mu; w[i] = 1; }
                    case POISSON -> { r[i] = y[i] - mu; w[i] = mu; }
                    case NEGATIVE_BINOMIAL -> { r[i] = (y[i] - mu) / (1 + a * mu); w[i] = mu / (1 + a * mu); }
                }
            }
            score[m] = r;
            chol[m] = Irls.cholesky(pat != null ? groupedGram(basis, pat, w) : gram(basis, w), names);
        }
        double[][][] draws = new double[models][replicates][];
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        int len = pat == null ? n : pat.count;
        double[][] cols = pat == null ? x : pat.x;
        int[] g = pat == null ? null : pat.id;
        ThreadLocal<double[][]> sumsOf = ThreadLocal.withInitial(() -> new double[models][len]);
        // where each column is non-zero, for the columns zero in at least half the rows (or patterns)
        int[][] nonZeroAt = new int[p][];
        double[][] nonZeroValue = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] xj = cols[j];
            int nz = 0;
            for (double e : xj) if (e != 0) nz++;
            if (2 * nz > len) continue;
            int[] at = new int[nz];
            double[] val = new double[nz];
            for (int k = 0, q = 0; k < len; k++) if (xj[k] != 0) { at[q] = k; val[q++] = xj[k]; }
            nonZeroAt[j] = at;
            nonZeroValue[j] = val;
        }
        run(threads, replicates, rep -> {
            SplittableRandom rng = new SplittableRandom(mix(seed, rep));
            // v_m,i = (c_i - 1) r_m,i with c_i ~ Poisson(1), summed per pattern when the rows group (x_ij is then
            // the pattern's value); two weights from each 64-bit draw
            double[][] v = sumsOf.get();
            for (double[] vm : v) Arrays.fill(vm, 0);
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 1) == 0) bits = rng.nextLong();
                long u = (i & 1) == 0 ? bits & 0xFFFFFFFFL : bits >>> 32;
                int c = 0;
                while (u >= POISSON1[c]) c++;
                if (c == 1) continue;
                double d = c - 1;
                int at = g == null ? i : g[i];
                for (int m = 0; m < models; m++) v[m][at] += d * score[m][i];
            }
            double[] vsum = new double[models];
            for (int m = 0; m < models; m++) {
                double t = 0;
                for (double e : v[m]) t += e;
                vsum[m] = t;
            }
            // raw sums S[m][j] = sum_i v_m,i x_ij, one read of each column for all models; a mostly-zero column
            // (a dummy) reads only its non-zero entries
            double[][] sums = new double[models][p];
            for (int j = 0; j < p; j++) {
                double[] xj = cols[j];
                if (nonZeroAt[j] != null) {
                    int[] at = nonZeroAt[j];
                    double[] val = nonZeroValue[j];
                    for (int m = 0; m < models; m++) {
                        double[] vm = v[m];
                        double s0 = 0;
                        for (int k = 0; k < at.length; k++) s0 += vm[at[k]] * val[k];
                        sums[m][j] = s0;
                    }
                    continue;
                }
                for (int m = 0; m < models; m++) {
                    double[] vm = v[m];
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    int i = 0;
                    for (; i + 3 < len; i += 4) {
                        s0 += vm[i] * xj[i];
                        s1 += vm[i + 1] * xj[i + 1];
                        s2 += vm[i + 2] * xj[i + 2];
                        s3 += vm[i + 3] * xj[i + 3];
                    }
                    for (; i < len; i++) s0 += vm[i] * xj[i];
                    sums[m][j] = (s0 + s1) + (s2 + s3);
                }
            }
            for (int m = 0; m < models; m++) {
                // the score in the centred/scaled basis: xt_j = (x_j - m_j) / s_j
                double[] gt = new double[p];
                for (int j = 0; j < p; j++) gt[j] = (sums[m][j] - basis.m[j] * vsum[m]) / basis.s[j];
                double[] step = basis.toOriginal(Irls.cholSolve(chol[m], gt));
                double[] b = fits.get(m).coefficients().clone();
                for (int j = 0; j < p; j++) b[j] += step[j];
                draws[m][rep] = b;
            }
            if (done != null) done.accept(finished.incrementAndGet());
        });
        List<BootstrapResult> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            out.add(summarise(fits.get(m).model(), names, replicates, seed, fits.get(m).coefficients().clone(), draws[m], ONE_STEP));
        }
        return out;
    }

    static final String ONE_STEP = "one-step (linearised) Poisson-weighted resamples from the full-sample fit";

    /**
     * Poisson(1) by inversion of 32 random bits: a weight is the first k with u < POISSON1[k], u uniform on
     * [0, 2^32). Entry k is 2^32 P(X <= k) rounded down; the last is 2^32, so every u stops (P(X > 13) < 2^-32).
     */
    static final long[] POISSON1 = poissonOneThresholds();

    private static long[] poissonOneThresholds() {
        long[] t = new long[15];
        double pk = Math.exp(-1), cdf = 0;
        for (int k = 0; k < t.length - 1; k++) {
            cdf += pk;
            pk /= k + 1;
            t[k] = Math.min(1L << 32, (long) Math.floor(cdf * 4294967296.0));
        }
        t[t.length - 1] = 1L << 32;
        return t;
    }

    /** X'WX in the basis over patterns: each pattern's basis row weighted by the sum of its rows' weights. */
    static double[][] groupedGram(Irls.Basis basis, Patterns pat, double[] w) {
        double[] wg = new double[pat.count];
        for (int i = 0; i < w.length; i++) wg[pat.id[i]] += w[i];
        return Irls.Grouped.patternGram(basis.rowsOf(pat), wg);
    }
    static final String REFIT = "case resamples, each refitted";

    /** X'WX in the basis (w null: X'X), accumulated in fixed row blocks summed in block order (deterministic). */
    static double[][] gram(Irls.Basis basis, double[] w) {
        double[][] x = basis.x;
        int p = x.length, n = x[0].length;
        double[][] a = new double[p][p];
        int mini = Irls.MINI;
        double[][] xt = new double[p][mini];
        double[] wx = new double[mini];
        for (int b0 = 0; b0 < n; b0 += mini) {
            int len = Math.min(mini, n - b0);
            for (int j = 0; j < p; j++) {
                double mj = basis.m[j], ij = basis.inv[j];
                double[] src = x[j], dst = xt[j];
                for (int r = 0; r < len; r++) dst[r] = (src[b0 + r] - mj) * ij;
            }
            for (int r1 = 0; r1 < p; r1++) {
                double[] xa = xt[r1];
                if (w == null) System.arraycopy(xa, 0, wx, 0, len);
                else for (int r = 0; r < len; r++) wx[r] = w[b0 + r] * xa[r];
                for (int c2 = 0; c2 <= r1; c2++) {
                    double[] xc = xt[c2];
                    double s = 0;
                    for (int r = 0; r < len; r++) s += wx[r] * xc[r];
                    a[r1][c2] += s;
                }
            }
        }
        for (int i = 0; i < p; i++) for (int j = 0; j < i; j++) a[j][i] = a[i][j];
        return a;
    }

    // ------------------------------------------------------------------ refitting bootstraps

    /** Fixed-design bootstrap refitting every resample of a ready-made matrix. */
    public static BootstrapResult fixedDesign(ModelKind model, DesignMatrix d, int replicates, long seed, int threads) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        return fixedDesign(model, d.y(), d.columns(), d.names(), d.intercept(), replicates, seed, threads);
    }

    /** Fixed-design bootstrap refitting every resample of arrays. */
    public static BootstrapResult fixedDesign(ModelKind model, double[] y, double[][] columns, List<String> names,
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
        return summarise(model, pr.names(), replicates, seed, est, draws, REFIT);
    }

    /** Leak-free bootstrap: the design is refitted on each resample; see the class comment. */
    public static BootstrapResult refitting(ModelKind model, Design design, Table table, int replicates, long seed, int threads) {
        return refitting(model, design, table, null, replicates, seed, threads);
    }

    /** As above, reusing {@code full = design.fit(table)} (row set, full-sample estimate, reporting parameterisation). */
    public static BootstrapResult refitting(ModelKind model, Design design, Table table, DesignMatrix full, int replicates, long seed, int threads) {
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
        return summarise(model, pr.names(), replicates, seed, est, draws, REFIT);
    }

    // ------------------------------------------------------------------ old names (kept for callers; same behaviour)

    /** @deprecated use {@link #fixedDesign(ModelKind, DesignMatrix, int, long, int)} */
    @Deprecated
    public static BootstrapResult coefficients(ModelKind model, DesignMatrix d, int replicates, long seed, int threads) {
        return fixedDesign(model, d, replicates, seed, threads);
    }

    /** @deprecated use {@link #fixedDesign(ModelKind, double[], double[][], List, boolean, int, long, int)} */
    @Deprecated
    public static BootstrapResult coefficients(ModelKind model, double[] y, double[][] columns, List<String> names,
                                               boolean intercept, int replicates, long seed, int threads) {
        return fixedDesign(model, y, columns, names, intercept, replicates, seed, threads);
    }

    /** @deprecated use {@link #refitting(ModelKind, Design, Table, int, long, int)} */
    @Deprecated
    public static BootstrapResult coefficients(ModelKind model, Design design, Table table, int replicates, long seed, int threads) {
        return refitting(model, design, table, replicates, seed, threads);
    }

    /** @deprecated use {@link #refitting(ModelKind, Design, Table, DesignMatrix, int, long, int)} */
    @Deprecated
    public static BootstrapResult coefficients(ModelKind model, Design design, Table table, DesignMatrix full, int replicates, long seed, int threads) {
        return refitting(model, design, table, full, replicates, seed, threads);
    }

    /**
     * Runs body(0..count-1) on a pool of {@code threads} workers (one task per index, so the split never
     * depends on the pool size). A RuntimeException or Error from the body is rethrown as is.
     */
    static void run(int threads, int count, IntConsumer body) {
        if (threads == 1) {
            for (int i = 0; i < count; i++) body.accept(i);
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException("failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** SEs and percentile intervals per coefficient over the draws where it is finite; all-NaN draws are failed replicates. */
    private static BootstrapResult summarise(ModelKind model, List<String> names, int replicates, long seed, double[] est, double[][] draws, String method) {
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
        return new BootstrapResult(model, names, replicates, seed, est, se, lo, hi, failed, draws, method);
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
