package stats;

import numerics.Tails;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates with their inference under one covariance: standard errors, test statistics, p-values and
 * 95% Wald intervals, with the t distribution ({@code df > 0}) or the normal ({@code df == 0}).
 * Entries whose variance is undefined (NaN: e.g. HC3 where a row has leverage 1) give NaN everywhere.
 *
 * @param covarianceType what {@code covariance} is ({@link CovarianceType#label()})
 * @param df             residual degrees of freedom of the t distribution, 0 for the normal
 */
public record Coefficients(List<String> names, double[] estimates, double[][] covariance, String covarianceType, int df,
                           double[] standardErrors, double[] statistics, double[] pValues, double[] lower, double[] upper) {

    public Coefficients {
        names = List.copyOf(names);
    }

    /** The table for estimates b and covariance v. */
    public static Coefficients of(List<String> names, double[] b, double[][] v, String covarianceType, int df) {
        int p = b.length;
        double[] se = new double[p], st = new double[p], pv = new double[p], lo = new double[p], hi = new double[p];
        double q = df > 0 ? new org.apache.commons.math3.distribution.TDistribution(null, df, 1e-14).inverseCumulativeProbability(0.975) : Tails.Z975;
        for (int j = 0; j < p; j++) {
            se[j] = Math.sqrt(v[j][j]);
            st[j] = b[j] / se[j];
            pv[j] = se[j] == 0 ? 0 : df > 0 ? Tails.tTwoSided(st[j], df) : Tails.normalTwoSided(st[j]);
            lo[j] = b[j] - q * se[j];
            hi[j] = b[j] + q * se[j];
        }
        return new Coefficients(names, b.clone(), deep(v), covarianceType, df, se, st, pv, lo, hi);
    }

    @Override public double[] estimates() { return estimates.clone(); }
    @Override public double[][] covariance() { return deep(covariance); }
    @Override public double[] standardErrors() { return standardErrors.clone(); }
    @Override public double[] statistics() { return statistics.clone(); }
    @Override public double[] pValues() { return pValues.clone(); }
    @Override public double[] lower() { return lower.clone(); }
    @Override public double[] upper() { return upper.clone(); }

    public double standardError(int j) { return standardErrors[j]; }
    public double estimate(int j) { return estimates[j]; }
    public double covariance(int i, int j) { return covariance[i][j]; }

    /** True when t (nonrobust OLS), false when normal. */
    public boolean tDistribution() { return df > 0; }

    /**
     * Joint Wald test that the coefficients at {@code idx} are all zero: W = b_S' V_SS^-1 b_S, chi2 with
     * q = |S| df; with the t distribution also F = W / q on (q, df), as statsmodels' {@code wald_test}.
     */
    public WaldTest wald(String term, int[] idx) {
        int q = idx.length;
        double[][] a = new double[q][q];
        double[] bs = new double[q];
        for (int r = 0; r < q; r++) {
            bs[r] = estimates[idx[r]];
            for (int c = 0; c < q; c++) a[r][c] = covariance[idx[r]][idx[c]];
        }
        List<String> cols = new ArrayList<>();
        for (int i : idx) cols.add(names.get(i));
        double w;
        boolean finite = true;
        for (double[] row : a) for (double x : row) finite &= Double.isFinite(x);
        if (!finite) w = Double.NaN;
        else {
            try {
                double[] sol = Solve.symmetric(a, bs);
                w = 0;
                for (int r = 0; r < q; r++) w += bs[r] * sol[r];
            } catch (RankDeficientException e) {
                // singular covariance: an exact fit (every variance 0) has no finite statistic; otherwise
                // (e.g. a cluster covariance of rank G-1 below q) the test is not available
                boolean zero = true;
                for (double[] row : a) for (double x : row) zero &= x == 0;
                w = zero ? Double.POSITIVE_INFINITY : Double.NaN;
            }
        }
        double p = df > 0 ? Tails.f(w / q, q, df) : Tails.chiSquared(w, q);
        return new WaldTest(term, cols, w, q, df > 0 ? w / q : Double.NaN, df, p);
    }

    static double[][] deep(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
