//DEPS tech.tablesaw:tablesaw-core:0.44.4
package stats;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded k-fold cross-validation. Rows are shuffled once with {@code new SplittableRandom(seed)}
 * (Fisher-Yates) and cut into k contiguous folds of near-equal size; the same seed gives the same folds
 * for every model, so results are comparable across models. Each fold's model is fitted on the other
 * k-1 folds; the baseline predicts the training folds' mean.
 *
 * <p><b>Leak-free (use these on tables):</b> {@link #runAll(Design, Table, int, long)} and
 * {@link #run(ModelKind, Design, Table, int, long)} take the unfitted {@link Design} and refit it on each
 * fold's training rows only (levels, reference levels, imputation values, standardisation constants), then
 * encode the held-out rows with that fold's {@link Encoding} (unseen levels follow the design's
 * {@link UnseenPolicy}: REFERENCE encodes them as the fold's reference level and counts them per fold in
 * {@link CvResult#unseenLevels()}; ERROR fails naming the fold). Folds are defined on the table rows the
 * design keeps ({@link Design#usableRows}: rows with a missing response or a missing value in a DROP column
 * are never in any fold, training or held-out); position i of the folds is the i-th kept row in table
 * order, so the folds are exactly those of the array API applied to {@code design.fit(table)}.
 *
 * <p><b>Fixed design:</b> the array and {@link DesignMatrix} overloads take ready-made matrices (e.g.
 * slices) and assume the design is fixed: any encoding statistics in those columns were computed on all
 * rows, held-out folds included, so their out-of-sample metrics are (mildly) optimistic.
 */
public final class CrossValidation {
    private CrossValidation() {}

    public static CvResult run(ModelKind model, DesignMatrix d, int k, long seed) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        return run(model, d.y(), d.columns(), d.names(), d.intercept(), k, seed);
    }

    /** Runs every model type (OLS, Poisson, NB2) on the same folds; see {@link #runAll(double[], double[][], List, boolean, int, long)}. */
    public static List<CvResult> runAll(DesignMatrix d, int k, long seed) {
        if (d.y() == null) throw new IllegalArgumentException("the design matrix has no response; build it with Design.of(response)");
        return runAll(d.y(), d.columns(), d.names(), d.intercept(), k, seed);
    }

    /**
     * OLS, Poisson and NB2 on the same folds, sharing each fold's copy of the data; the NB2 fit of a fold
     * starts from that fold's Poisson estimate (the converged estimates do not depend on the start).
     */
    public static List<CvResult> runAll(double[] y, double[][] columns, List<String> names, boolean intercept, int k, long seed) {
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        PoissonGlm.checkCounts(y);
        int n = y.length;
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be between 2 and n=" + n + ", got " + k);
        int[][] folds = folds(n, k, seed);
        ModelKind[] kinds = ModelKind.values();
        List<List<Metrics>> ms = new ArrayList<>();
        List<Metrics> base = new ArrayList<>();
        double[][][] coefs = new double[kinds.length][k][];
        long[] nanos = new long[kinds.length];
        for (int m = 0; m < kinds.length; m++) ms.add(new ArrayList<>());
        for (int f = 0; f < k; f++) {
            int[] test = folds[f];
            int[] train = complement(n, test);
            double[] ytr = Columns.rows(y, train), yte = Columns.rows(y, test);
            double[][] xtr = Columns.rows(pr.x(), train), xte = Columns.rows(pr.x(), test);
            FoldFit ff = fitFold(kinds, ytr, xtr, pr.names(), intercept, yte, xte, f, k);
            base.add(ff.baseline());
            for (int m = 0; m < kinds.length; m++) {
                coefs[m][f] = ff.coefs()[m];
                ms.get(m).add(ff.metrics()[m]);
                nanos[m] += ff.nanos()[m];
            }
        }
        List<CvResult> out = new ArrayList<>();
        for (int m = 0; m < kinds.length; m++) out.add(new CvResult(kinds[m], k, seed, n, pr.names(), ms.get(m), base, coefs[m], nanos[m] / 1e9));
        return out;
    }

    public static CvResult run(ModelKind model, double[] y, double[][] columns, List<String> names, boolean intercept, int k, long seed) {
        long t0 = System.nanoTime();
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        int n = y.length;
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be between 2 and n=" + n + ", got " + k);
        int[][] folds = folds(n, k, seed);
        List<Metrics> ms = new ArrayList<>(), base = new ArrayList<>();
        double[][] coefs = new double[k][];
        for (int f = 0; f < k; f++) {
            int[] test = folds[f];
            int[] train = complement(n, test);
            double[] ytr = Columns.rows(y, train), yte = Columns.rows(y, test);
            double[][] xtr = Columns.rows(pr.x(), train);
            double[] b;
            try {
                b = model.coefficients(ytr, xtr, pr.names(), intercept);
            } catch (RankDeficientException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
            }
            xtr = null;
            coefs[f] = b;
            double[] m = model.predict(b, Columns.rows(pr.x(), test));
            double mean = LeastSquares.accurateMean(ytr);
            ms.add(Metrics.of(yte, m, mean));
            double[] bm = new double[test.length];
            java.util.Arrays.fill(bm, mean);
            base.add(Metrics.of(yte, bm, mean));
        }
        return new CvResult(model, k, seed, n, pr.names(), ms, base, coefs, (System.nanoTime() - t0) / 1e9);
    }

    /** Leak-free CV of one model type; see the class comment. */
    public static CvResult run(ModelKind model, Design design, Table table, int k, long seed) {
        return runDesign(new ModelKind[]{model}, design, table, null, k, seed).get(0);
    }

    /** Leak-free CV of OLS, Poisson and NB2 on the same folds; see the class comment. */
    public static List<CvResult> runAll(Design design, Table table, int k, long seed) {
        return runDesign(ModelKind.values(), design, table, null, k, seed);
    }

    /**
     * As {@link #runAll(Design, Table, int, long)}, reusing {@code full = design.fit(table)} when the caller
     * has it: it supplies the folds' row set ({@code full.rows()}) and the parameterisation the per-fold
     * coefficients are reported in ({@link CvResult#coefficients()}, see {@link Align}); it never
     * influences a fold's encoding or predictions.
     */
    public static List<CvResult> runAll(Design design, Table table, DesignMatrix full, int k, long seed) {
        return runDesign(ModelKind.values(), design, table, full, k, seed);
    }

    private static List<CvResult> runDesign(ModelKind[] kinds, Design design, Table table, DesignMatrix full, int k, long seed) {
        if (design == null || table == null) throw new IllegalArgumentException("design and table must not be null");
        if (design.response() == null) throw new IllegalArgumentException("the design has no response; build it with Design.of(response)");
        if (full == null) full = design.fit(table);
        int[] usable = full.rows();
        int n = usable.length;
        if (k < 2 || k > n) throw new IllegalArgumentException("k must be between 2 and n=" + n + ", got " + k);
        boolean intercept = full.intercept();
        List<String> fullNames = Ols.prepare(full.y(), full.columns(), full.names(), intercept).names();
        for (ModelKind m : kinds) if (m != ModelKind.OLS) { PoissonGlm.checkCounts(full.y()); break; }
        int[][] folds = folds(n, k, seed);
        List<List<Metrics>> ms = new ArrayList<>();
        List<Metrics> base = new ArrayList<>();
        List<Map<String, Integer>> unseen = new ArrayList<>();
        double[][][] coefs = new double[kinds.length][k][];
        long[] nanos = new long[kinds.length];
        for (int m = 0; m < kinds.length; m++) ms.add(new ArrayList<>());
        for (int f = 0; f < k; f++) {
            long e0 = System.nanoTime();
            int[] testPos = folds[f], trainPos = complement(n, testPos);
            int[] test = new int[testPos.length], train = new int[trainPos.length];
            for (int i = 0; i < test.length; i++) test[i] = usable[testPos[i]];
            for (int i = 0; i < train.length; i++) train[i] = usable[trainPos[i]];
            DesignMatrix dtr, dte;
            try {
                dtr = design.fit(table, train);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": cannot fit the design on the training rows: " + e.getMessage(), e);
            }
            Encoding enc = dtr.encoding();
            try {
                dte = enc.build(table, test, true, enc.unseen());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": cannot encode the held-out rows: " + e.getMessage(), e);
            }
            if (dtr.n() != train.length || dte.n() != test.length) throw new IllegalStateException("fold " + (f + 1) + ": rows dropped inside a fold");
            unseen.add(new LinkedHashMap<>(dte.unseenLevels()));
            Ols.Prepared pr = Ols.prepare(dtr.y(), dtr.columns(), dtr.names(), intercept);
            double[][] xte = Ols.prepare(dte.y(), dte.columns(), dte.names(), intercept).x();
            long encodeNanos = System.nanoTime() - e0;
            FoldFit ff = fitFold(kinds, dtr.y(), pr.x(), pr.names(), intercept, dte.y(), xte, f, k);
            base.add(ff.baseline());
            for (int m = 0; m < kinds.length; m++) {
                coefs[m][f] = Align.toFull(enc, pr.names(), ff.coefs()[m], full.encoding(), fullNames);
                ms.get(m).add(ff.metrics()[m]);
                nanos[m] += ff.nanos()[m] + encodeNanos / kinds.length;
            }
        }
        List<CvResult> out = new ArrayList<>();
        for (int m = 0; m < kinds.length; m++) {
            out.add(new CvResult(kinds[m], k, seed, n, fullNames, ms.get(m), base, coefs[m], nanos[m] / 1e9, unseen));
        }
        return out;
    }

    private record FoldFit(double[][] coefs, Metrics[] metrics, Metrics baseline, long[] nanos) {}

    /** Fits every kind on one fold (NB2 starts from the fold's Poisson estimate when both are asked for). */
    private static FoldFit fitFold(ModelKind[] kinds, double[] ytr, double[][] xtr, List<String> names, boolean intercept,
                                   double[] yte, double[][] xte, int f, int k) {
        double mean = LeastSquares.accurateMean(ytr);
        double[] bm = new double[yte.length];
        Arrays.fill(bm, mean);
        Metrics base = Metrics.of(yte, bm, mean);
        double[][] coefs = new double[kinds.length][];
        Metrics[] ms = new Metrics[kinds.length];
        long[] nanos = new long[kinds.length];
        double[] poissonBt = null;
        Irls.Basis basis = null;
        for (int m = 0; m < kinds.length; m++) {
            long t0 = System.nanoTime();
            double[] b;
            try {
                b = switch (kinds[m]) {
                    case OLS -> kinds[m].coefficients(ytr, xtr, names, intercept);
                    case POISSON -> {
                        if (basis == null) basis = new Irls.Basis(xtr, names, intercept);
                        poissonBt = new double[names.size()];
                        yield Irls.fit(ytr, basis, new Irls.Family(0), null, poissonBt).beta;
                    }
                    case NEGATIVE_BINOMIAL -> {
                        if (poissonBt == null) yield kinds[m].coefficients(ytr, xtr, names, intercept);
                        yield NegativeBinomial.coefficients(ytr, basis, poissonBt);
                    }
                };
            } catch (RankDeficientException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
            }
            coefs[m] = b;
            ms[m] = Metrics.of(yte, kinds[m].predict(b, xte), mean);
            nanos[m] = System.nanoTime() - t0;
        }
        return new FoldFit(coefs, ms, base, nanos);
    }

    /** Fold membership: folds[f] = sorted row indices of fold f. */
    public static int[][] folds(int n, int k, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[][] out = new int[k][];
        for (int f = 0; f < k; f++) {
            int lo = (int) ((long) f * n / k), hi = (int) ((long) (f + 1) * n / k);
            int[] idx = java.util.Arrays.copyOfRange(perm, lo, hi);
            java.util.Arrays.sort(idx);
            out[f] = idx;
        }
        return out;
    }

    static int[] complement(int n, int[] sortedIdx) {
        int[] out = new int[n - sortedIdx.length];
        int r = 0, t = 0;
        for (int i = 0; i < n; i++) {
            if (t < sortedIdx.length && sortedIdx[t] == i) t++;
            else out[r++] = i;
        }
        return out;
    }
}
