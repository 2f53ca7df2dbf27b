package slices;

import java.util.Arrays;

/**
 * Applies a {@link NaStrategy} to one slice's raw rows: drops rows with a missing response, then drops
 * (DROP) or fills (MEAN/MEDIAN/MODE, from this slice's observed values) missing predictor cells.
 */
public final class MissingValues {
    private MissingValues() {}

    /**
     * Complete rows ready to fit, or the reason there are none.
     *
     * @param y       response, no NaN
     * @param x       x[j] is predictor j, no NaN
     * @param dropped rows left out
     * @param imputed cells filled in
     * @param problem non-null when the slice cannot be made complete (a predictor with no observed value)
     */
    public record Complete(double[] y, double[][] x, int dropped, int imputed, String problem) {
        public int n() { return y.length; }
    }

    public static Complete apply(SliceRows rows, NaStrategy na) {
        int size = rows.size(), k = rows.predictors().size();
        boolean[] keep = new boolean[size];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            boolean ok = !Double.isNaN(rows.y(i));
            if (ok && na == NaStrategy.DROP) {
                for (int j = 0; j < k && ok; j++) ok = !Double.isNaN(rows.x(j, i));
            }
            keep[i] = ok;
            if (ok) kept++;
        }
        double[] y = new double[kept];
        double[][] x = new double[k][kept];
        for (int i = 0, r = 0; i < size; i++) {
            if (!keep[i]) continue;
            y[r] = rows.y(i);
            for (int j = 0; j < k; j++) x[j][r] = rows.x(j, i);
            r++;
        }
        int imputed = 0;
        String problem = null;
        if (na != NaStrategy.DROP) {
            for (int j = 0; j < k; j++) {
                double[] col = x[j];
                double[] observed = Arrays.stream(col).filter(v -> !Double.isNaN(v)).toArray();
                if (observed.length == col.length) continue;
                if (observed.length == 0) {
                    if (problem == null) problem = "predictor '" + rows.predictors().get(j) + "' has no observed value to impute from";
                    continue;
                }
                double fill = fillValue(observed, na);
                for (int i = 0; i < col.length; i++) {
                    if (Double.isNaN(col[i])) {
                        col[i] = fill;
                        imputed++;
                    }
                }
            }
        }
        return new Complete(y, x, size - kept, imputed, problem);
    }

    /** The value a missing cell gets: mean, median (mean of the two middle values), or mode (smallest on ties). */
    public static double fillValue(double[] observed, NaStrategy na) {
        double[] v = observed.clone();
        return switch (na) {
            case MEAN -> {
                // Neumaier-compensated sum: the mean does not depend on how the slice's rows were chunked.
                double s = 0, c = 0;
                for (double d : v) {
                    double t = s + d;
                    c += Math.abs(s) >= Math.abs(d) ? (s - t) + d : (d - t) + s;
                    s = t;
                }
                yield (s + c) / v.length;
            }
            case MEDIAN -> {
                Arrays.sort(v);
                int m = v.length / 2;
                yield v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
            }
            case MODE -> {
                Arrays.sort(v);
                double best = v[0];
                int bestCount = 0;
                for (int i = 0; i < v.length; ) {
                    int j = i;
                    while (j < v.length && v[j] == v[i]) j++;
                    if (j - i > bestCount) {  // strictly greater: the smallest value wins a tie
                        bestCount = j - i;
                        best = v[i];
                    }
                    i = j;
                }
                yield best;
            }
            case DROP -> throw new IllegalArgumentException("DROP does not fill values");
        };
    }

}
