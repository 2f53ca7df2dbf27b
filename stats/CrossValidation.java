package stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded k-fold cross-validation. Rows are shuffled once with {@code new SplittableRandom(seed)}
 * (Fisher-Yates) and cut into k contiguous folds of near-equal size; the same seed gives the same folds
 * for every model, so results are comparable across models. Each fold's model is fitted on the other
 * k-1 folds; the baseline predicts the training folds' mean.
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
            double mean = LeastSquares.accurateMean(ytr);
            double[] bm = new double[test.length];
            java.util.Arrays.fill(bm, mean);
            base.add(Metrics.of(yte, bm, mean));
            double[] poissonBt = new double[pr.names().size()];
            Irls.Basis basis = null;
            for (int m = 0; m < kinds.length; m++) {
                long t0 = System.nanoTime();
                double[] b;
                try {
                    b = switch (kinds[m]) {
                        case OLS -> kinds[m].coefficients(ytr, xtr, pr.names(), intercept);
                        case POISSON -> {
                            basis = new Irls.Basis(xtr, pr.names(), intercept);
                            yield Irls.fit(ytr, basis, new Irls.Family(0), null, poissonBt).beta;
                        }
                        case NEGATIVE_BINOMIAL -> NegativeBinomial.coefficients(ytr, basis, poissonBt);
                    };
                } catch (RankDeficientException e) {
                    throw new IllegalArgumentException("fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
                }
                coefs[m][f] = b;
                ms.get(m).add(Metrics.of(yte, kinds[m].predict(b, xte), mean));
                nanos[m] += System.nanoTime() - t0;
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
