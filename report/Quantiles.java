package report;

import java.util.Arrays;

/**
 * Quantiles by linear interpolation between order statistics: numpy's default ({@code method="linear"}),
 * Hyndman-Fan type 7, R's default. For sorted x of length n and probability p in [0,1]:
 * {@code h = (n-1)p; q = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h])}.
 */
public final class Quantiles {
    private Quantiles() {}

    /** Quantile of an ascending-sorted array; NaN when empty. */
    public static double ofSorted(double[] sorted, double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) throw new IllegalArgumentException("quantile probability must be in [0,1], got " + p);
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) return sorted[n - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** Quantile of an ascending-sorted int array; NaN when empty. */
    public static double ofSorted(int[] sorted, double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) throw new IllegalArgumentException("quantile probability must be in [0,1], got " + p);
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) return sorted[n - 1];
        return sorted[lo] + (h - lo) * ((double) sorted[lo + 1] - sorted[lo]);
    }

    /** Quantiles of unsorted values (copied and sorted; NaNs must be removed by the caller). */
    public static double[] of(double[] values, double... ps) {
        double[] s = values.clone();
        Arrays.sort(s);
        double[] q = new double[ps.length];
        for (int i = 0; i < ps.length; i++) q[i] = ofSorted(s, ps[i]);
        return q;
    }
}
