package stats;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The meat of a sandwich covariance, sum_i w_i u_i^2 v_i v_i' (HC0..HC3) or sum_g s_g s_g' with
 * s_g = sum_{i in g} u_i v_i (cluster), in whatever coordinates the caller's rows {@code v_i} are given
 * (OLS: the QR basis; GLM: the centred/scaled basis), so the bread is applied in the same coordinates.
 * HC rows are summed in fixed blocks, in parallel, and the blocks in block order: deterministic.
 * Rows with leverage 1 (within {@link #LEVERAGE_ONE}) have no HC2/HC3 weight (0/0): they are left out
 * and reported, and the caller marks the coefficients they determine as undefined.
 */
final class Sandwich {
    private Sandwich() {}

    /** 1 - h below this counts as leverage 1 (the row fits its own coefficient exactly). */
    static final double LEVERAGE_ONE = 1e-10;
    static final int BLOCK = 1 << 13;

    /** Fills {@code v} with row i's coordinates (called with one {@code v} per thread). */
    interface Rows {
        void fill(int i, double[] v);
    }

    /** @param leverageOne rows with leverage 1 (HC2/HC3 left them out) */
    record Meat(double[][] m, int[] leverageOne) {}

    /**
     * @param u score residuals per row
     * @param h leverages (used by HC2/HC3; may be null otherwise)
     */
    static Meat meat(CovarianceType type, int n, int p, Rows rows, double[] u, double[] h) {
        return meat(type, n, p, rows, u, h, null);
    }

    /**
     * As above; with {@code groups} (rows sharing their covariates, so their v_i and leverage) an HC meat sums
     * each group's weights w_i u_i^2 first and adds one v v' per group: a pass of p^2 per pattern, not per row.
     */
    static Meat meat(CovarianceType type, int n, int p, Rows rows, double[] u, double[] h, Groups groups) {
        return switch (type.kind()) {
            case CLUSTER -> cluster(type, n, p, rows, u);
            case HC0, HC1, HC2, HC3 -> groups == null ? hc(type.kind(), n, p, rows, u, h) : hcGrouped(type.kind(), n, p, rows, u, h, groups);
            default -> throw new IllegalArgumentException(type.label() + " is not a sandwich covariance");
        };
    }

    /** Rows grouped by covariate pattern: row i is in group {@code id[i]}, whose first row is {@code first[g]}. */
    record Groups(int[] id, int[] first) {
        /** The groups of {@code pat}, or null without one. */
        static Groups of(Patterns pat) {
            if (pat == null) return null;
            int[] first = new int[pat.count];
            java.util.Arrays.fill(first, -1);
            for (int i = 0; i < pat.id.length; i++) if (first[pat.id[i]] < 0) first[pat.id[i]] = i;
            return new Groups(pat.id, first);
        }

        /** {@code rows} computed once per group (at its first row) and copied for every row of the group. */
        Rows cached(Rows rows, int p) {
            double[][] v = new double[first.length][p];
            for (int g = 0; g < first.length; g++) rows.fill(first[g], v[g]);
            return (i, out) -> System.arraycopy(v[id[i]], 0, out, 0, p);
        }
    }

    private static Meat hcGrouped(CovarianceType.Kind kind, int n, int p, Rows rows, double[] u, double[] h, Groups groups) {
        int count = groups.first().length;
        double[] weight = new double[count];
        List<Integer> one = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double w = u[i] * u[i];
            if (kind == CovarianceType.Kind.HC2 || kind == CovarianceType.Kind.HC3) {
                double om = 1 - h[i];
                if (om < LEVERAGE_ONE) { one.add(i); continue; }
                w = kind == CovarianceType.Kind.HC2 ? w / om : w / (om * om);
            }
            weight[groups.id()[i]] += w;
        }
        double[][] m = new double[p][p];
        double[] v = new double[p];
        for (int g = 0; g < count; g++) {
            double w = weight[g];
            if (w == 0) continue;
            rows.fill(groups.first()[g], v);
            for (int a = 0; a < p; a++) {
                double va = v[a] * w;
                for (int c = 0; c <= a; c++) m[a][c] += va * v[c];
            }
        }
        for (int a = 0; a < p; a++) for (int c = a + 1; c < p; c++) m[a][c] = m[c][a];
        if (kind == CovarianceType.Kind.HC1) {
            double f = (double) n / (n - p);
            for (double[] row : m) for (int c = 0; c < p; c++) row[c] *= f;
        }
        return new Meat(m, one.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Meat hc(CovarianceType.Kind kind, int n, int p, Rows rows, double[] u, double[] h) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if ((long) n * p * p > 2_000_000) range = range.parallel();
        double[][] parts = range.mapToObj(blk -> {
            int lo = blk * BLOCK, hi = Math.min(n, lo + BLOCK);
            double[] part = new double[p * p];
            double[] v = new double[p];
            for (int i = lo; i < hi; i++) {
                double w = u[i] * u[i];
                if (kind == CovarianceType.Kind.HC2 || kind == CovarianceType.Kind.HC3) {
                    double om = 1 - h[i];
                    if (om < LEVERAGE_ONE) continue; // reported below
                    w = kind == CovarianceType.Kind.HC2 ? w / om : w / (om * om);
                }
                if (w == 0) continue;
                rows.fill(i, v);
                for (int a = 0; a < p; a++) {
                    double va = v[a] * w;
                    int r = a * p;
                    for (int c = 0; c <= a; c++) part[r + c] += va * v[c];
                }
            }
            return part;
        }).toArray(double[][]::new);
        double[][] m = new double[p][p];
        for (double[] part : parts) for (int a = 0; a < p; a++) for (int c = 0; c <= a; c++) m[a][c] += part[a * p + c];
        for (int a = 0; a < p; a++) for (int c = a + 1; c < p; c++) m[a][c] = m[c][a];
        if (kind == CovarianceType.Kind.HC1) {
            double f = (double) n / (n - p);
            for (double[] row : m) for (int c = 0; c < p; c++) row[c] *= f;
        }
        List<Integer> one = new ArrayList<>();
        if (kind == CovarianceType.Kind.HC2 || kind == CovarianceType.Kind.HC3) {
            for (int i = 0; i < n; i++) if (1 - h[i] < LEVERAGE_ONE) one.add(i);
        }
        return new Meat(m, one.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Meat cluster(CovarianceType type, int n, int p, Rows rows, double[] u) {
        int[] g = type.requireGroups(n);
        int gc = type.groupCount();
        double[][] s = new double[gc][p];
        double[] v = new double[p];
        for (int i = 0; i < n; i++) {
            if (u[i] == 0) continue;
            rows.fill(i, v);
            double[] sg = s[g[i]];
            for (int a = 0; a < p; a++) sg[a] += u[i] * v[a];
        }
        double[][] m = new double[p][p];
        for (double[] sg : s) for (int a = 0; a < p; a++) for (int c = 0; c <= a; c++) m[a][c] += sg[a] * sg[c];
        double f = (double) gc / (gc - 1) * (n - 1.0) / (n - p);
        for (int a = 0; a < p; a++) for (int c = 0; c <= a; c++) {
            m[a][c] *= f;
            m[c][a] = m[a][c];
        }
        return new Meat(m, new int[0]);
    }

    /**
     * Marks, in covariance {@code cov} (original coordinates), the coefficients a leverage-1 row
     * determines: those whose estimate moves with that row's response, i.e. where the row's share
     * w (B x)_j^2 / B_jj of the model variance is not negligible (B the bread, x the row, w its weight).
     * Returns the names of the coefficients made undefined (NaN).
     */
    static List<String> markUndefined(double[][] cov, double[][] bread, double[] x, double w, List<String> names) {
        int p = cov.length;
        List<String> out = new ArrayList<>();
        boolean[] bad = new boolean[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int k = 0; k < p; k++) s += bread[j][k] * x[k];
            double share = w * s * s / bread[j][j];
            if (share > 1e-8) {
                bad[j] = true;
                out.add(names.get(j));
            }
        }
        for (int j = 0; j < p; j++) if (bad[j]) for (int k = 0; k < p; k++) {
            cov[j][k] = Double.NaN;
            cov[k][j] = Double.NaN;
        }
        return out;
    }
}
